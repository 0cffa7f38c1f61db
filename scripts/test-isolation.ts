/**
 * `npm run test:isolation [-- test/wire …]`: runs every test of the given files (or folders) on its
 * own, with only its suite's hooks, and lists each one that fails alone but passes in its file.
 * That is a test leaning on what an earlier case left behind. Exit 1 if any does, or a file fails whole.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PARALLEL = 2;

function testFiles(targets: string[]): string[] {
  return targets.flatMap((target) =>
    fs.statSync(target).isDirectory()
      ? fs
          .readdirSync(target)
          .filter((f) => f.endsWith('.test.ts'))
          .sort()
          .map((f) => path.join(target, f))
      : [target],
  );
}

interface Tally {
  pass: number;
  fail: number;
  tap: string;
}

async function runTap(file: string, pattern?: string): Promise<Tally> {
  const args = ['--import', 'tsx', '--test', '--test-reporter=tap', ...(pattern ? [`--test-name-pattern=${pattern}`] : []), file];
  const tap = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => r.stdout,
    (e: { stdout?: string }) => e.stdout ?? '',
  );
  const count = (what: string) => Number(new RegExp(`^# ${what} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  return { pass: count('pass'), fail: count('fail'), tap };
}

/** The names of the leaf tests in a TAP stream (a suite's result carries `type: 'suite'`). */
function leafNames(tap: string): string[] {
  const lines = tap.split('\n');
  const names = new Set<string>();
  lines.forEach((line, i) => {
    const m = /^\s*(?:not )?ok \d+ - (.*?)(?: # .*)?$/.exec(line);
    if (!m) return;
    let j = i + 1;
    let suite = false;
    while (j < lines.length && !/^\s*\.\.\.$/.test(lines[j]!)) if (/type: 'suite'/.test(lines[j++]!)) suite = true;
    if (!suite) names.add(m[1]!);
  });
  return [...names];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function pool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

const files = testFiles(process.argv.slice(2).length ? process.argv.slice(2) : ['test/wire']);
const started = Date.now();
const leaning: string[] = [];
const flaky: string[] = [];
const broken: string[] = [];
let checked = 0;
for (const file of files) {
  const whole = await runTap(file);
  if (whole.fail > 0) {
    broken.push(`${file}: fails as a whole file (${whole.fail}); not checked case by case`);
    continue;
  }
  const names = leafNames(whole.tap);
  await pool(names, async (name) => {
    const failsAlone = async () => {
      const alone = await runTap(file, `^${escape(name)}$`);
      return alone.pass === 0 || alone.fail > 0;
    };
    checked += 1;
    // A second try tells a test that leans on an earlier case (fails every time) from a flaky one.
    if (await failsAlone()) {
      if (await failsAlone()) leaning.push(`${file}: “${name}” fails alone, twice`);
      else flaky.push(`${file}: “${name}” failed alone once, then passed`);
    }
  });
  console.log(`${file}: ${names.length} tests, each run alone`);
}
console.log(`\n${checked} tests in ${files.length} files run one by one in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const line of [...broken, ...flaky, ...leaning]) console.log(line);
console.log(leaning.length ? `${leaning.length} tests depend on an earlier case` : 'no test depends on an earlier case');
process.exitCode = leaning.length || broken.length ? 1 : 0;
