import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, beforeEach, it } from 'node:test';
import { topStoriesNow } from '../../src/audience/dashboard.js';
import { rollUpViews, startViewsRollup, type RollupResult } from '../../src/audience/rollup.js';
import { addViews, totalReads, trendingScores } from '../../src/audience/reads.js';
import type { Store } from '../../src/db/connect.js';
import { runExclusive } from '../../src/db/job-lock.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, smallTaxonomy } from '../helpers/fixtures.js';

const NOW = new Date('2026-11-29T12:30:00.000Z');
const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * HOUR);
const quiet = { info() {}, error() {} };
const here = path.dirname(fileURLToPath(import.meta.url));

describeEachDatabase('rolling hourly reads up into days', (testDb) => {
  let store: Store;
  let other: Store;
  let a: number;
  let b: number;
  const db = () => store.db;

  /** The hourly buckets as "id hour views", and the day rows as "id day views". */
  const hourly = async () =>
    (await db().selectFrom('article_views').select(['article_id', 'hour', 'views']).orderBy('article_id').orderBy('hour').execute()).map(
      (r) => `${r.article_id} ${new Date(r.hour).toISOString()} ${r.views}`,
    );
  const daily = async () =>
    (await db().selectFrom('article_views_daily').select(['article_id', 'day', 'views']).orderBy('article_id').orderBy('day').execute()).map(
      (r) => `${r.article_id} ${r.day} ${r.views}`,
    );
  const totals = async () => Object.fromEntries(await totalReads(db(), [a, b]));

  before(async () => {
    store = await testDb.open();
    other = await testDb.open();
    await smallTaxonomy(store.db);
    a = (await addStory(store.db, { headline: 'Long Read' }, { now: hoursAgo(300).toISOString() })).id;
    b = (await addStory(store.db, { headline: 'Short Read' }, { now: hoursAgo(300).toISOString() })).id;
  });

  beforeEach(async () => {
    await db().deleteFrom('article_views').execute();
    await db().deleteFrom('article_views_daily').execute();
    // 72 h before NOW is 2026-11-26T12:30: the buckets of 12:00 that day and earlier go.
    await addViews(db(), [
      { articleId: a, at: '2026-11-24T03:10:00.000Z', views: 5 },
      { articleId: a, at: '2026-11-24T22:59:00.000Z', views: 7 },
      { articleId: a, at: '2026-11-25T00:00:00.000Z', views: 11 },
      { articleId: a, at: '2026-11-26T12:20:00.000Z', views: 13 }, // the 12:00 bucket: older than 72 h
      { articleId: a, at: '2026-11-26T13:00:00.000Z', views: 17 }, // 71.5 h ago: stays
      { articleId: a, at: hoursAgo(1), views: 19 },
      { articleId: b, at: '2026-11-20T08:00:00.000Z', views: 23 },
      { articleId: b, at: hoursAgo(2), views: 29 },
    ]);
  });

  it('moves each bucket older than 72 hours into its UTC day, and every story keeps its total', async () => {
    const before = await totals();
    assert.deepEqual(before, { [a]: 72, [b]: 52 });
    const done = await rollUpViews(db(), { now: NOW });
    assert.deepEqual(done, { buckets: 5, views: 59, batches: 1 });
    assert.deepEqual(await daily(), [`${a} 2026-11-24 12`, `${a} 2026-11-25 11`, `${a} 2026-11-26 13`, `${b} 2026-11-20 23`]);
    assert.deepEqual(await totals(), before);
  });

  it('leaves the last 72 hours alone: the same buckets, and the same Trending', async () => {
    const trending = await trendingScores(db(), { now: NOW, limit: 10 });
    const top = await topStoriesNow(db(), 10, NOW);
    await rollUpViews(db(), { now: NOW });
    assert.deepEqual(await hourly(), [`${a} 2026-11-26T13:00:00.000Z 17`, `${a} 2026-11-29T11:00:00.000Z 19`, `${b} 2026-11-29T10:00:00.000Z 29`]);
    assert.deepEqual(await trendingScores(db(), { now: NOW, limit: 10 }), trending);
    // The dashboard's totals read the days too.
    const after = await topStoriesNow(db(), 10, NOW);
    assert.deepEqual(
      after.map((t) => [t.story.id, t.reads24h, t.readsTotal]),
      top.map((t) => [t.story.id, t.reads24h, t.readsTotal]),
    );
    assert.deepEqual(after.map((t) => t.readsTotal).sort(), [52, 72]);
  });

  it('is idempotent: run again, with the same clock, it changes nothing', async () => {
    await rollUpViews(db(), { now: NOW });
    const [hours, days] = [await hourly(), await daily()];
    assert.deepEqual(await rollUpViews(db(), { now: NOW }), { buckets: 0, views: 0, batches: 0 });
    assert.deepEqual([await hourly(), await daily()], [hours, days]);
    // An hour later, the next bucket's turn: it adds to its day's row.
    assert.deepEqual(await rollUpViews(db(), { now: new Date(NOW.getTime() + 2 * HOUR) }), { buckets: 1, views: 17, batches: 1 });
    assert.ok((await daily()).includes(`${a} 2026-11-26 30`));
    assert.deepEqual(await totals(), { [a]: 72, [b]: 52 });
  });

  it('works in batches of the size asked, and a run stopped after some batches is finished by the next', async () => {
    const first = await rollUpViews(db(), { now: NOW, batchSize: 2, maxBatches: 1 });
    assert.deepEqual(first, { buckets: 2, views: 28, batches: 1 }, 'the two oldest buckets');
    assert.deepEqual(await totals(), { [a]: 72, [b]: 52 }, 'half-way, every read is in one table or the other');
    const rest = await rollUpViews(db(), { now: NOW, batchSize: 2 });
    assert.deepEqual(rest, { buckets: 3, views: 31, batches: 2 });
    // 2026-11-24's two buckets went in different batches and are one row.
    assert.deepEqual(await daily(), [`${a} 2026-11-24 12`, `${a} 2026-11-25 11`, `${a} 2026-11-26 13`, `${b} 2026-11-20 23`]);
    await assert.rejects(rollUpViews(db(), { now: NOW, batchSize: 0 }), RangeError);
  });

  it('two processes rolling up at once (no job lock) count every read once', async () => {
    const child = () =>
      new Promise<RollupResult>((resolve, reject) => {
        let out = '';
        let err = '';
        const proc = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'rollup-child.ts')], {
          env: { ...process.env, ...testDb.env, ROLLUP_NOW: NOW.toISOString() },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
        proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
        proc.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as RollupResult) : reject(new Error(`rollup-child exited ${code}: ${err}`))));
      });
    // Enough buckets (a transaction each) for the two runs to overlap: 400 hours of b in October.
    const october = Date.UTC(2026, 9, 1);
    await addViews(
      db(),
      Array.from({ length: 400 }, (_, i) => ({ articleId: b, at: new Date(october + i * HOUR), views: 1 })),
    );
    const runs = await Promise.all([child(), child()]);
    assert.equal(runs[0]!.buckets + runs[1]!.buckets, 405);
    assert.deepEqual(
      (await daily()).filter((d) => !d.includes('2026-10-')),
      [`${a} 2026-11-24 12`, `${a} 2026-11-25 11`, `${a} 2026-11-26 13`, `${b} 2026-11-20 23`],
    );
    assert.deepEqual((await daily()).filter((d) => d.includes('2026-10-')).length, 17, '400 hours from 1 October: 16 whole days and 16 hours');
    assert.deepEqual(await totals(), { [a]: 72, [b]: 452 });
  });

  it('the periodic job runs under its job lock: held elsewhere, the tick does nothing; then it rolls up', async () => {
    const job = startViewsRollup(store.db, quiet, 3_600_000, () => NOW);
    try {
      await job.tick(); // the run at start
      await addViews(db(), [{ articleId: b, at: '2026-11-21T08:00:00.000Z', views: 31 }]);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inside!: () => void;
      const locked = new Promise<void>((resolve) => (inside = resolve));
      const holder = runExclusive(other.db, 'views-rollup', async () => {
        inside();
        await held;
      });
      await locked;
      assert.equal(await job.tick(), false, 'another process holds the job');
      assert.ok(
        (await hourly()).some((h) => h.includes('2026-11-21T08:00')),
        'nothing moved meanwhile',
      );
      release();
      await holder;
      assert.equal(await job.tick(), true);
      assert.ok((await daily()).includes(`${b} 2026-11-21 31`));
    } finally {
      await job.stop();
    }
  });
});
