import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chooseEntry, repoRoot } from '../bin/entry.js';

/*
 * Figures, not a gate: how long the `wiredesk` command takes from start to exit, the median of
 * BENCH_RUNS (5) runs each of `--help`, `stats` (an empty, migrated SQLite file) and `migrate`
 * (a new SQLite file every run), three ways: bin/wiredesk.js on the compiled dist/ (built first
 * with npm run build), the tsx fallback it takes when src/ is newer (tsx's transform cache
 * warm, as on the second start after an edit), and that fallback with the cache off (the first
 * start after an edit).
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-startup-'));
const bin = path.join(repoRoot, 'bin', 'wiredesk.js');
// What bin/wiredesk.js does when dist/ is stale, with commander seeing the same argv.
const fallback = [
  '--input-type=module',
  '-e',
  `const { register } = await import('tsx/esm/api'); register(); const { main } = await import(${JSON.stringify(path.join(repoRoot, 'src', 'cli', 'main.ts'))}); await main([process.argv[0], 'wiredesk', ...process.argv.slice(1)]);`,
  '--', // so node leaves --help to the command
];

const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.js')], { stdio: 'inherit' });
if (build.status !== 0) throw new Error('npm run build failed');
if (chooseEntry() !== 'dist') throw new Error('bin/wiredesk.js would not choose dist/ right after a build');

function runOnce(nodeArgs: string[], args: string[], env: Record<string, string>): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...nodeArgs, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 || !result.stdout) throw new Error(`wiredesk ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let fresh = 0;
const commands: { name: string; args: string[]; env: () => Record<string, string> }[] = [
  { name: '--help', args: ['--help'], env: () => ({}) },
  { name: 'stats', args: ['stats'], env: () => ({ DATABASE_URL: `sqlite:${path.join(tmp, 'stats.db')}` }) },
  { name: 'migrate (new file)', args: ['migrate'], env: () => ({ DATABASE_URL: `sqlite:${path.join(tmp, `migrate-${fresh++}.db`)}` }) },
];
const ways: { name: string; nodeArgs: string[]; env: Record<string, string> }[] = [
  { name: 'dist/ (built)', nodeArgs: [bin], env: {} },
  { name: 'tsx fallback, cache warm', nodeArgs: fallback, env: {} },
  { name: 'tsx fallback, cache off', nodeArgs: fallback, env: { TSX_DISABLE_CACHE: '1' } },
];

try {
  // Untimed: the stats database, and one run of each way so the tsx cache and the OS's file cache are warm.
  runOnce([bin], ['migrate'], { DATABASE_URL: `sqlite:${path.join(tmp, 'stats.db')}` });
  for (const way of ways) runOnce(way.nodeArgs, ['--help'], way.env);
  const checks = Array.from({ length: 21 }, () => {
    const started = process.hrtime.bigint();
    chooseEntry();
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
  console.log(`bin/wiredesk.js's freshness check (stat every file under src/): median ${median(checks).toFixed(1)} ms`);
  console.log(`median of ${RUNS} runs, ms (${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)})`);
  console.log(`${'command'.padEnd(20)}${ways.map((w) => w.name.padStart(27)).join('')}`);
  for (const command of commands) {
    const cells = ways.map((way) => median(Array.from({ length: RUNS }, () => runOnce(way.nodeArgs, command.args, { ...command.env(), ...way.env }))));
    console.log(`${command.name.padEnd(20)}${cells.map((ms) => ms.toFixed(0).padStart(27)).join('')}`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
