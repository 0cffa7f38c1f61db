import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeEachDatabase } from '../helpers/databases.js';
import { fuzzContext } from './context.js';
import { runTarget, type FuzzContext, type FuzzTarget } from './core.js';
import { fuzzTargets } from './targets.js';

/*
 * Property and fuzz tests: every target of test/fuzz/targets.ts, a fixed number of cases each from
 * a fixed seed (FUZZ_SEED to change it, FUZZ_SCALE to run more or fewer cases). Each test names
 * its case count and seed; a failure prints fast-check's counterexample with its seed and path,
 * which `npm run fuzz -- --target NAME --seed S --path P` replays. `npm run fuzz` runs the same
 * targets for as long as it is given.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

async function fuzz(t: { diagnostic(message: string): void }, target: FuzzTarget, ctx?: FuzzContext) {
  const runs = Math.max(1, Math.round(target.testRuns * SCALE));
  const result = await runTarget(target, { seed: SEED, runs, ctx });
  const line = `fuzz ${target.name}${ctx ? ` [${ctx.kind}]` : ''}: ${result.cases} cases, seed ${result.seed}, ${Math.round(result.ms)} ms`;
  t.diagnostic(line);
  console.log(line);
  if (result.failed) assert.fail(`${line}\n${result.report}`);
}

describe('fuzz: parsers, sanitiser, cursors, slugs, search queries', () => {
  for (const target of fuzzTargets.filter((t) => !t.database)) {
    it(`${target.name}: ${target.about}`, (t) => fuzz(t, target));
  }
});

describeEachDatabase('fuzz: search and forms on real routes', (testDb) => {
  let ctx: FuzzContext;
  before(async () => {
    ctx = await fuzzContext(testDb);
  });
  after(() => ctx.app.close());

  for (const target of fuzzTargets.filter((t) => t.database)) {
    it(`${target.name}: ${target.about}`, (t) => fuzz(t, target, ctx));
  }
});
