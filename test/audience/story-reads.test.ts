import assert from 'node:assert/strict';
import { before, beforeEach, it } from 'node:test';
import { topStoriesNow } from '../../src/audience/dashboard.js';
import { rollUpViews } from '../../src/audience/rollup.js';
import { explainStoryReads, readsPerStoryDay, storyReads } from '../../src/audience/story-reads.js';
import { addViews } from '../../src/audience/reads.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

const NOW = new Date('2026-11-29T12:30:00.000Z');
const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * HOUR).toISOString();

describeEachDatabase('reads per story: last hour, 24 hours, since publication', (testDb) => {
  let store: Store;
  let a: number;
  let b: number;
  let quiet: number;
  const db = () => store.db;
  const figures = async (now = NOW) =>
    Object.fromEntries([...(await storyReads(db(), [a, b, quiet], now))].map(([id, r]) => [id, [r.lastHour, r.last24h, r.total]]));
  const perDay = async (from: string, to: string) => {
    const rows: string[] = [];
    for await (const batch of readsPerStoryDay(db(), { from, to }, 2)) rows.push(...batch.map((r) => `${r.articleId} ${r.day} ${r.reads}`));
    return rows;
  };

  before(async () => {
    ({ store } = await openSuite(testDb));
    a = (await addStory(store.db, { headline: 'Long Read' }, { now: hoursAgo(300) })).id;
    b = (await addStory(store.db, { headline: 'Short Read' }, { now: hoursAgo(300) })).id;
    quiet = (await addStory(store.db, { headline: 'Nobody Read' }, { now: hoursAgo(300) })).id;
  });

  beforeEach(async () => {
    await db().deleteFrom('article_views').execute();
    await db().deleteFrom('article_views_daily').execute();
    // NOW is 12:30; the current hour's bucket is 12:00, the 24-hour window starts at 13:00 yesterday.
    await addViews(db(), [
      { articleId: a, at: '2026-11-24T03:10:00.000Z', views: 5 }, // rolled up into 24 Nov
      { articleId: a, at: '2026-11-26T12:20:00.000Z', views: 13 }, // rolled up: the 26 Nov day row gets it…
      { articleId: a, at: '2026-11-26T13:00:00.000Z', views: 17 }, // …while 26 Nov 13:00 stays hourly
      { articleId: a, at: '2026-11-28T12:59:00.000Z', views: 3 }, // 12:00 yesterday: outside 24 h
      { articleId: a, at: '2026-11-28T13:00:00.000Z', views: 2 }, // the first bucket of the 24 h
      { articleId: a, at: hoursAgo(1), views: 19 }, // 11:00 today
      { articleId: a, at: '2026-11-29T12:05:00.000Z', views: 7 }, // this hour
      { articleId: a, at: '2026-11-29T13:10:00.000Z', views: 1000 }, // after NOW: not yet counted
      { articleId: b, at: '2026-11-20T08:00:00.000Z', views: 23 },
      { articleId: b, at: '2026-11-29T12:29:00.000Z', views: 29 },
    ]);
  });

  it('counts the current hour, the last 24 hourly buckets and every read up to now', async () => {
    assert.deepEqual(await figures(), { [a]: [7, 28, 66], [b]: [29, 29, 52], [quiet]: [0, 0, 0] });
  });

  it('gives the same figures after the roll-up, the total combining hours and days across the boundary', async () => {
    const before = await figures();
    const done = await rollUpViews(db(), { now: NOW });
    assert.equal(done.buckets, 3);
    const days = await db().selectFrom('article_views_daily').select(['article_id', 'day', 'views']).orderBy('article_id').orderBy('day').execute();
    assert.deepEqual(
      days.map((d) => `${d.article_id} ${d.day} ${d.views}`),
      [`${a} 2026-11-24 5`, `${a} 2026-11-26 13`, `${b} 2026-11-20 23`],
    );
    assert.deepEqual(await figures(), before);
    // The dashboard's 24 hours are the same window (it does not stop at its clock: no later reads here).
    await db().deleteFrom('article_views').where('hour', '>', NOW.toISOString()).execute();
    const top = await topStoriesNow(db(), 10, NOW);
    assert.equal(top.find((t) => t.story.id === a)?.reads24h, 28);
  });

  it('moves with the injected clock: an hour later the 12:00 bucket is the hour before', async () => {
    await rollUpViews(db(), { now: NOW });
    const later = new Date(NOW.getTime() + HOUR);
    assert.deepEqual(await figures(later), { [a]: [1000, 1026, 1066], [b]: [0, 29, 52], [quiet]: [0, 0, 0] });
  });

  it("lists reads per story and day, adding a day row and the same day's hourly buckets", async () => {
    await rollUpViews(db(), { now: NOW });
    // 26 Nov: 13 rolled up, 17 still hourly.
    assert.deepEqual(await perDay('2026-11-20', '2026-11-29'), [
      `${b} 2026-11-20 23`,
      `${a} 2026-11-24 5`,
      `${a} 2026-11-26 30`,
      `${a} 2026-11-28 5`,
      `${a} 2026-11-29 1026`,
      `${b} 2026-11-29 29`,
    ]);
    assert.deepEqual(await perDay('2026-11-21', '2026-11-23'), []);
  });

  it('pages within a day by story id, whatever the batch size', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await addStory(db(), {}, { now: hoursAgo(30) })).id);
    await addViews(
      db(),
      ids.map((id, i) => ({ articleId: id, at: hoursAgo(2), views: i + 1 })),
    );
    const rows = await perDay('2026-11-29', '2026-11-29');
    assert.deepEqual(rows, [`${a} 2026-11-29 1026`, `${b} 2026-11-29 29`, ...ids.map((id, i) => `${id} 2026-11-29 ${i + 1}`)]);
  });

  it('refuses a range that is not one of days, or too long, before reading anything', () => {
    assert.throws(() => readsPerStoryDay(db(), { from: '2026-02-30', to: '2026-03-01' }), /not a day/);
    assert.throws(() => readsPerStoryDay(db(), { from: '2026-03-02', to: '2026-03-01' }), /before it starts/);
    assert.throws(() => readsPerStoryDay(db(), { from: '2024-01-01', to: '2026-01-01' }), /at most 366 days/);
  });

  it('reads a page of 50 stories through the primary keys, and a day through the day indexes', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => i + 1);
    const plans = await explainStoryReads(db(), ids, NOW, '2026-11-26');
    const both = (plan: string[]) => plan.join('\n');
    if (store.kind === 'sqlite') {
      assert.match(both(plans.storyReads), /SEARCH article_views USING (COVERING )?INDEX sqlite_autoindex_article_views_1 \(article_id=\?/);
      assert.match(both(plans.storyReads), /SEARCH article_views_daily USING (COVERING )?INDEX sqlite_autoindex_article_views_daily_1 \(article_id=\?/);
      assert.match(both(plans.perDay), /SEARCH article_views_daily USING COVERING INDEX article_views_daily_day \(day=\? AND article_id>\?\)/);
      assert.match(both(plans.perDay), /SEARCH article_views USING COVERING INDEX article_views_hour \(hour>\? AND hour<\?\)/);
    }
    for (const plan of [plans.storyReads, plans.perDay]) assert.doesNotMatch(both(plan), /SCAN article_views|Seq Scan on article_views/, both(plan));
  });
});
