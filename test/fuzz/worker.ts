/**
 * Runs one fuzz target in a worker thread of its own, watched from outside: a case that stops
 * the worker's progress for too long (a synchronous hang, which nothing inside the thread could
 * interrupt) ends the worker and is reported with the number of the case. Used by the fuzz test
 * and by `npm run fuzz`. Targets that need a database get a fresh one (SQLite, or PostgreSQL
 * with `postgres`), seeded with a small newsroom.
 */
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { RunResult } from './core.js';

export interface WorkerJob {
  /** Run one after the other. */
  targets: string[];
  seed: number;
  /** A fixed number of cases for each target (its testRuns × scale when not given) … */
  runs?: number;
  scale?: number;
  /** … or until this time (Date.now()), each target taking an equal share of what is left. */
  deadline?: number;
  path?: string;
  postgres?: boolean;
}

type Job = WorkerJob & { counter: SharedArrayBuffer };
type Message = { type: 'result'; result: RunResult } | { type: 'error'; target: string; message: string };

export interface WorkerOutcome {
  target: string;
  result?: RunResult;
  /** The case of this target (counted from 1) that did not finish. */
  hang?: number;
  hangMs?: number;
  error?: string;
}

async function workerMain(job: Job) {
  const { targetNamed } = await import('./targets.js');
  const { runTarget } = await import('./core.js');
  const counter = new Int32Array(job.counter);
  for (const [i, name] of job.targets.entries()) {
    const t = targetNamed(name)!;
    try {
      let ctx;
      let testDb;
      if (t.database) {
        const { TestDatabase } = await import('../helpers/databases.js');
        const { fuzzContext } = await import('./context.js');
        testDb = new TestDatabase(job.postgres ? 'postgres' : 'sqlite');
        await testDb.create();
        ctx = await fuzzContext(testDb);
      }
      const timeLimitMs = job.deadline === undefined || job.path ? undefined : Math.max(500, (job.deadline - Date.now()) / (job.targets.length - i));
      const runs = job.path ? 1 : job.deadline !== undefined ? undefined : (job.runs ?? Math.max(1, Math.round(t.testRuns * (job.scale ?? 1))));
      let result: RunResult;
      try {
        result = await runTarget(t, { seed: job.seed, runs, timeLimitMs, path: job.path, ctx, onCase: () => Atomics.add(counter, 0, 1) });
      } finally {
        await ctx?.app.close();
        await testDb?.destroy();
      }
      parentPort!.postMessage({ type: 'result', result } satisfies Message);
    } catch (error) {
      parentPort!.postMessage({ type: 'error', target: name, message: (error as Error).stack ?? String(error) } satisfies Message);
    }
  }
}

/** The time without a new case after which a worker counts as hung. */
export const hangAfterMs = (boundMs: number) => Math.max(10_000, boundMs * 20);

/**
 * Runs the targets in a worker, one after the other, telling `onOutcome` each one's outcome as it
 * comes. A case that stops the worker's progress for longer than its target's hangAfterMs ends the
 * worker; the targets after it go on in a new one.
 */
export async function runInWorker(job: WorkerJob, onOutcome: (outcome: WorkerOutcome) => void = () => {}): Promise<WorkerOutcome[]> {
  const { targetNamed } = await import('./targets.js');
  const outcomes: WorkerOutcome[] = [];
  let remaining = [...job.targets];
  while (remaining.length) {
    const counter = new SharedArrayBuffer(4);
    const cases = new Int32Array(counter);
    // Node 20 gives a worker none of the process's loader hooks: it registers tsx itself, then loads this file.
    const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: { ...job, targets: remaining, counter } satisfies Job });
    remaining = await new Promise<string[]>((resolve) => {
      let left = [...remaining];
      let base = 0;
      let last = 0;
      let lastChange = performance.now();
      const record = (outcome: WorkerOutcome) => {
        if (done) return;
        outcomes.push(outcome);
        onOutcome(outcome);
        left = left.slice(1);
        base = Atomics.load(cases, 0);
      };
      let done = false;
      const finish = (rest: string[]) => {
        done = true;
        clearInterval(watch);
        void worker.terminate();
        resolve(rest);
      };
      const watch = setInterval(() => {
        const now = Atomics.load(cases, 0);
        const hangMs = hangAfterMs(targetNamed(left[0] ?? '')?.boundMs ?? 0);
        if (now !== last) [last, lastChange] = [now, performance.now()];
        else if (now > base && performance.now() - lastChange > hangMs) {
          record({ target: left[0]!, hang: now - base, hangMs });
          finish(left);
        }
      }, 250);
      worker.on('message', (m: Message) => {
        if (done) return;
        record(m.type === 'result' ? { target: m.result.target, result: m.result } : { target: m.target, error: m.message });
        if (!left.length) finish([]);
      });
      worker.on('error', (e) => {
        if (done) return;
        if (left.length) record({ target: left[0]!, error: e.stack ?? String(e) });
        finish(left);
      });
      worker.on('exit', (code) => {
        if (done) return;
        if (left.length) record({ target: left[0]!, error: `the worker ended (exit code ${code}) during this target` });
        finish(left);
      });
    });
  }
  return outcomes;
}

if (!isMainThread && (workerData as Partial<Job> | null)?.counter) {
  void workerMain(workerData as Job);
}
