/**
 * `npm run fuzz -- [--seconds 600] [--target NAME]... [--seed S] [--path P] [--postgres] [--list]`
 *
 * Runs the fuzz targets of test/fuzz/targets.ts for as long as it is given (60 s by default),
 * each for an equal share of the time, one at a time, each in a worker thread of its own: a
 * case that does not finish (a synchronous hang, which nothing in the thread itself could
 * interrupt) is noticed from outside and reported with the seed and the case to replay. Prints
 * the cases run per target and every counterexample with its seed and path; exits 1 when any
 * target failed. Targets that need a database get a fresh SQLite one (PostgreSQL with --postgres
 * and TEST_DATABASE_URL), seeded with a small newsroom.
 */
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { RunResult } from '../test/fuzz/core.js';

interface Job {
  target: string;
  seed: number;
  timeLimitMs?: number;
  path?: string;
  postgres: boolean;
  counter: SharedArrayBuffer;
}

type Message = { type: 'result'; result: RunResult } | { type: 'error'; message: string };

async function workerMain(job: Job) {
  const { fuzzTargets } = await import('../test/fuzz/targets.js');
  const { runTarget } = await import('../test/fuzz/core.js');
  const t = fuzzTargets.find((x) => x.name === job.target)!;
  const counter = new Int32Array(job.counter);
  let ctx;
  let testDb;
  if (t.database) {
    const { TestDatabase } = await import('../test/helpers/databases.js');
    const { fuzzContext } = await import('../test/fuzz/context.js');
    testDb = new TestDatabase(job.postgres ? 'postgres' : 'sqlite');
    await testDb.create();
    ctx = await fuzzContext(testDb);
  }
  let result: RunResult;
  try {
    result = await runTarget(t, { seed: job.seed, timeLimitMs: job.timeLimitMs, runs: job.path ? 1 : undefined, path: job.path, ctx, onCase: () => Atomics.add(counter, 0, 1) });
  } finally {
    await ctx?.app.close();
    await testDb?.destroy();
  }
  parentPort!.postMessage({ type: 'result', result } satisfies Message);
}

function parseArgs(argv: string[]) {
  const options = { seconds: 60, targets: [] as string[], seed: Math.floor(Math.random() * 2 ** 31), path: undefined as string | undefined, postgres: false, list: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--seconds') options.seconds = Number(value());
    else if (arg === '--target') options.targets.push(...value().split(','));
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--path') options.path = value();
    else if (arg === '--postgres') options.postgres = true;
    else if (arg === '--list') options.list = true;
    else throw new Error(`unknown option ${arg} (see scripts/fuzz.ts)`);
  }
  if (!(options.seconds > 0)) throw new Error('--seconds must be a positive number');
  if (!Number.isInteger(options.seed)) throw new Error('--seed must be a whole number');
  if (options.path && options.targets.length !== 1) throw new Error('--path replays one case of one --target');
  if (options.postgres && !process.env.TEST_DATABASE_URL) throw new Error('--postgres needs TEST_DATABASE_URL (a server it may create databases on)');
  return options;
}

/** Runs one target in a worker; a case that stops the worker's progress for too long ends it. */
function runInWorker(job: Omit<Job, 'counter'>, hangMs: number): Promise<{ result?: RunResult; hang?: number; error?: string }> {
  const counter = new SharedArrayBuffer(4);
  const cases = new Int32Array(counter);
  // Node 20 gives a worker none of the process's loader hooks: it registers tsx itself, then loads this file.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { ...job, counter } });
  return new Promise((resolve) => {
    let last = 0;
    let lastChange = performance.now();
    const watch = setInterval(() => {
      const now = Atomics.load(cases, 0);
      if (now !== last) [last, lastChange] = [now, performance.now()];
      else if (now > 0 && performance.now() - lastChange > hangMs) {
        clearInterval(watch);
        void worker.terminate();
        resolve({ hang: now });
      }
    }, 250);
    worker.on('message', (m: Message) => {
      clearInterval(watch);
      void worker.terminate();
      resolve(m.type === 'result' ? { result: m.result } : { error: m.message });
    });
    worker.on('error', (e) => {
      clearInterval(watch);
      resolve({ error: e.stack ?? String(e) });
    });
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { fuzzTargets } = await import('../test/fuzz/targets.js');
  if (options.list) {
    for (const t of fuzzTargets) console.log(`${t.name.padEnd(20)} ${t.database ? '[database] ' : ''}${t.about}`);
    return;
  }
  const unknown = options.targets.filter((n) => !fuzzTargets.some((t) => t.name === n));
  if (unknown.length) throw new Error(`no target ${unknown.join(', ')} (--list names them)`);
  const chosen = options.targets.length ? fuzzTargets.filter((t) => options.targets.includes(t.name)) : fuzzTargets;
  const shareMs = (options.seconds * 1000) / chosen.length;
  console.log(`fuzz: ${chosen.length} targets, ${options.path ? `replaying case ${options.path}` : `${(shareMs / 1000).toFixed(1)} s each`}, seed ${options.seed}${options.postgres ? ', PostgreSQL' : ''}`);
  let failures = 0;
  let total = 0;
  for (const t of chosen) {
    const started = performance.now();
    const outcome = await runInWorker({ target: t.name, seed: options.seed, timeLimitMs: options.path ? undefined : shareMs, path: options.path, postgres: options.postgres }, Math.max(10_000, t.boundMs * 20));
    const took = ((performance.now() - started) / 1000).toFixed(1);
    if (outcome.result) {
      const r = outcome.result;
      total += r.cases;
      const rate = Math.round(r.cases / (r.ms / 1000 || 1));
      console.log(`${r.failed ? 'FAIL' : 'ok  '} ${t.name.padEnd(20)} ${String(r.cases).padStart(8)} cases in ${took} s (${rate}/s)`);
      if (r.failed) {
        failures += 1;
        console.log(`${r.report}\n  replay: npm run fuzz -- --target ${t.name} --seed ${r.seed} --path ${r.path}${options.postgres ? ' --postgres' : ''}\n`);
      }
    } else if (outcome.hang !== undefined) {
      failures += 1;
      total += outcome.hang;
      console.log(`HANG ${t.name.padEnd(20)} case ${outcome.hang} did not finish (${Math.max(10_000, t.boundMs * 20) / 1000} s without progress); the worker was ended`);
      console.log(`  replay: npm run fuzz -- --target ${t.name} --seed ${options.seed} --path ${outcome.hang - 1}\n  (the path is the case's index when the hang came before any failure; while shrinking, rerun without --path to see the failure)\n`);
    } else {
      failures += 1;
      console.log(`ERR  ${t.name.padEnd(20)} ${outcome.error}`);
    }
  }
  console.log(`fuzz: ${total} cases, ${failures ? `${failures} target(s) failed` : 'no failures'}, seed ${options.seed}`);
  process.exitCode = failures ? 1 : 0;
}

if (isMainThread) {
  main().catch((error: Error) => {
    console.error(`fuzz: ${error.message}`);
    process.exitCode = 2;
  });
} else {
  workerMain(workerData as Job).catch((error: Error) => parentPort!.postMessage({ type: 'error', message: error.stack ?? String(error) } satisfies Message));
}
