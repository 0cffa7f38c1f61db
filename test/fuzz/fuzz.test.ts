import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeEachDatabase } from '../helpers/databases.js';
import { fuzzContext } from './context.js';
import { runTarget, type FuzzContext, type FuzzTarget, type RunResult } from './core.js';
import { fuzzTargets } from './targets.js';
import { runInWorker, type WorkerOutcome } from './worker.js';

/*
 * Property and fuzz tests: every target of test/fuzz/targets.ts, a fixed number of cases each from
 * a fixed seed (FUZZ_SEED to change it, FUZZ_SCALE to run more or fewer cases). Each test names
 * its case count and seed; a failure prints fast-check's counterexample with its seed and path,
 * which `npm run fuzz -- --target NAME --seed S --path P` replays. `npm run fuzz` runs the same
 * targets for as long as it is given.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

function report(t: { diagnostic(message: string): void }, target: FuzzTarget, result: RunResult, kind?: string) {
  const line = `fuzz ${target.name}${kind ? ` [${kind}]` : ''}: ${result.cases} cases, seed ${result.seed}, ${Math.round(result.ms)} ms`;
  t.diagnostic(line);
  console.log(line);
  if (result.failed)
    assert.fail(
      `${line}\n${result.report}\nreplay: npm run fuzz -- --target ${target.name} --seed ${result.seed} --path ${result.path}${kind === 'postgres' ? ' --postgres' : ''}`,
    );
}

const runsOf = (target: FuzzTarget) => Math.max(1, Math.round(target.testRuns * SCALE));

describe('fuzz: parsers, sanitiser, cursors, slugs, search queries', () => {
  // In one worker, watched from here: a synchronous hang ends the worker and fails its target's test.
  const pure = fuzzTargets.filter((t) => !t.database);
  let outcomes: Map<string, WorkerOutcome>;
  before(async () => {
    outcomes = new Map((await runInWorker({ targets: pure.map((t) => t.name), seed: SEED, scale: SCALE })).map((o) => [o.target, o]));
  });
  for (const target of pure) {
    it(`${target.name}: ${target.about}`, (t) => {
      const outcome = outcomes.get(target.name);
      if (outcome?.hang !== undefined)
        assert.fail(
          `fuzz ${target.name}: case ${outcome.hang} did not finish in ${outcome.hangMs! / 1000} s (seed ${SEED}; replay: npm run fuzz -- --target ${target.name} --seed ${SEED} --path ${outcome.hang - 1})`,
        );
      if (!outcome?.result) assert.fail(`fuzz ${target.name}: ${outcome?.error ?? 'not run'}`);
      report(t, target, outcome.result);
    });
  }
});

describeEachDatabase('fuzz: search and forms on real routes', (testDb) => {
  let ctx: FuzzContext;
  before(async () => {
    ctx = await fuzzContext(testDb);
  });
  after(() => ctx.app.close());

  // Asynchronous: a case that never answers fails at its timeout (the target's bound × 20).
  const run = (target: FuzzTarget) => async (t: { diagnostic(message: string): void }) =>
    report(t, target, await runTarget(target, { seed: SEED, runs: runsOf(target), ctx }), ctx.kind);
  // NUL bytes included: on PostgreSQL they once reached a text column and gave 500s (F8; now
  // stopped at the door, src/ops/input-guard.ts).
  for (const target of fuzzTargets.filter((t) => t.database)) it(`${target.name}: ${target.about}`, run(target));
});
