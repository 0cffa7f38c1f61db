import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeEachDatabase } from '../helpers/databases.js';
import { fuzzContext } from './context.js';
import { runTarget, type FuzzContext, type FuzzTarget, type RunResult } from './core.js';
import { fuzzTargets, noNulFormTargets } from './targets.js';
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
  if (result.failed) assert.fail(`${line}\n${result.report}\nreplay: npm run fuzz -- --target ${target.name} --seed ${result.seed} --path ${result.path}${kind === 'postgres' ? ' --postgres' : ''}`);
}

/**
 * Finding F8 (another part of issue 15 fixes it in the routes): on PostgreSQL a NUL byte in a form
 * field reaches a text column, which PostgreSQL refuses with an error, and the answer is a 500.
 * E.g. POST /newsroom/sign-in with `email=%00&password=…&_csrf=…`. There these targets are todo;
 * each also runs without NUL bytes (`…-no-nul`), as a test that must pass.
 */
const F8 = 'F8: a NUL byte in a form field gives 500 on PostgreSQL (being fixed in the routes); the same target without NUL bytes runs beside it';
const F8_TARGETS = new Set(['form-sign-in']);

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
      if (outcome?.hang !== undefined) assert.fail(`fuzz ${target.name}: case ${outcome.hang} did not finish in ${outcome.hangMs! / 1000} s (seed ${SEED}; replay: npm run fuzz -- --target ${target.name} --seed ${SEED} --path ${outcome.hang - 1})`);
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
  const run = (target: FuzzTarget) => async (t: { diagnostic(message: string): void }) => report(t, target, await runTarget(target, { seed: SEED, runs: runsOf(target), ctx }), ctx.kind);
  const f8 = testDb.kind === 'postgres' ? F8_TARGETS : new Set<string>();
  for (const target of fuzzTargets.filter((t) => t.database)) {
    it(`${target.name}: ${target.about}`, f8.has(target.name) ? { todo: F8 } : {}, run(target));
  }
  for (const target of noNulFormTargets.filter((t) => f8.has(t.name.replace(/-no-nul$/, '')))) {
    it(`${target.name}: the same without NUL bytes`, run(target));
  }
});
