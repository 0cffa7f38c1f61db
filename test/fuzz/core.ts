import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { DB, DatabaseKind } from '../../src/db/connect.js';

/*
 * The fuzz targets' shape and the one way they are run, by the test (a fixed number of cases
 * from a fixed seed) and by `npm run fuzz` (for as long as it is given).
 */

/** What the targets that need a database get: a small seeded newsroom and the whole app over it. */
export interface FuzzContext {
  kind: DatabaseKind;
  db: DB;
  app: FastifyInstance;
}

export interface FuzzTarget<T = unknown> {
  name: string;
  /** One line: what is generated and what must hold. */
  about: string;
  /** The most one case may take, in ms (measured; a case over it is run again once before it counts as a failure). */
  boundMs: number;
  /** Cases in the test suite. */
  testRuns: number;
  /** Needs a FuzzContext (a database and the app). */
  database?: boolean;
  arbitrary: fc.Arbitrary<T>;
  /** Throws (or rejects) when the property does not hold. */
  check(value: T, ctx: FuzzContext | undefined): void | Promise<void>;
}

export const target = <T>(t: FuzzTarget<T>): FuzzTarget => t as unknown as FuzzTarget;

export class TimeBoundError extends Error {
  override name = 'TimeBoundError';
}

export interface RunOptions {
  seed: number;
  /** A fixed number of cases … */
  runs?: number;
  /** … or as many as fit in this time. */
  timeLimitMs?: number;
  ctx?: FuzzContext;
  /** Replays one case (fast-check's counterexample path). */
  path?: string;
  /** Called at the start of every case (npm run fuzz counts cases to notice a hang). */
  onCase?: () => void;
}

export interface RunResult {
  target: string;
  cases: number;
  failed: boolean;
  seed: number;
  path: string | null;
  /** fast-check's report: the counterexample, its seed and path, the error. */
  report: string;
  ms: number;
}

async function once<T>(t: FuzzTarget<T>, value: T, ctx: FuzzContext | undefined): Promise<number> {
  const started = performance.now();
  await t.check(value, ctx);
  return performance.now() - started;
}

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 2000) : String(error));

/** Runs one target; never throws for a failing property (the result says so). */
export async function runTarget<T>(t: FuzzTarget<T>, options: RunOptions): Promise<RunResult> {
  if (t.database && !options.ctx) throw new Error(`${t.name} needs a database`);
  let cases = 0;
  const property = fc.asyncProperty(t.arbitrary, async (value) => {
    cases += 1;
    options.onCase?.();
    const took = await once(t, value, options.ctx);
    if (took <= t.boundMs) return;
    // A busy machine can stall one case; a slow input is slow every time.
    const again = await once(t, value, options.ctx);
    if (again > t.boundMs) throw new TimeBoundError(`a case took ${Math.round(took)} ms and then ${Math.round(again)} ms; the bound is ${t.boundMs} ms`);
  });
  const started = performance.now();
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.runs ?? Number.MAX_SAFE_INTEGER,
    interruptAfterTimeLimit: options.timeLimitMs,
    // Shrinking a failure re-runs it many times: at most a minute beyond the run (the counterexample so far is reported).
    skipAllAfterTimeLimit: (options.timeLimitMs ?? 60_000) + 60_000,
    // Hangs in asynchronous code (a query that never answers); synchronous ones are the caller's to notice.
    timeout: t.boundMs * 20,
    path: options.path,
    endOnFailure: false,
  });
  const ms = performance.now() - started;
  return {
    target: t.name,
    // Cases of the run proper, without the shrinking that follows a failure.
    cases: details.failed ? details.numRuns : cases,
    failed: details.failed,
    seed: details.seed,
    path: details.counterexamplePath,
    report: details.failed ? `${fc.defaultReportMessage(details) ?? 'failed'}\nError: ${errorText(details.errorInstance)}` : '',
    ms,
  };
}
