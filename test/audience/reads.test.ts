import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { addViews, hourOf, trendingArticles, trendingScores } from '../../src/audience/reads.js';
import { findEdition } from '../../src/content/taxonomy.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { unpublishArticle } from '../../src/content/lifecycle.js';
import { openSuite } from '../helpers/suite.js';

const NOW = new Date('2026-11-29T12:30:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

describeEachDatabase('views and trending', (testDb) => {
  let store: Store;
  const id: Record<string, number> = {};
  before(async () => {
    ({ store } = await openSuite(testDb));
    for (const key of ['old', 'fresh', 'ancient', 'asia', 'gone']) {
      id[key] = (await addStory(store.db, { edition: key === 'asia' ? 'south-asia' : 'global' }, { now: hoursAgo(100).toISOString() })).id;
    }
    await unpublishArticle(store.db, id.gone!, { actor: testActor('t') });
    await addViews(store.db, [
      { articleId: id.old!, at: hoursAgo(12), views: 60 },
      { articleId: id.old!, at: hoursAgo(12), views: 40 }, // same bucket: adds up
      { articleId: id.fresh!, at: hoursAgo(0), views: 30 },
      { articleId: id.ancient!, at: hoursAgo(80), views: 1_000_000 }, // outside the 72-hour window
      { articleId: id.asia!, at: hoursAgo(1), views: 5 },
      { articleId: id.gone!, at: hoursAgo(0), views: 999 },
    ]);
  });

  it('puts views into hourly buckets', () => {
    assert.equal(hourOf('2026-11-29T12:59:59.999Z'), '2026-11-29T12:00:00.000Z');
  });

  it('scores Σ views × 2^(−age / half-life) over the last 72 hours, published stories only', async () => {
    const scores = await trendingScores(store.db, { now: NOW, halfLifeHours: 6, limit: 10 });
    const byId = new Map(scores.map((s) => [s.articleId, s.score]));
    // Ages are counted from the start of each hour bucket: 12.5 h and 0.5 h.
    assert.ok(Math.abs(byId.get(id.old!)! - 100 * 2 ** (-12.5 / 6)) < 0.01);
    assert.ok(Math.abs(byId.get(id.fresh!)! - 30 * 2 ** (-0.5 / 6)) < 0.01);
    assert.equal(byId.has(id.ancient!), false);
    assert.equal(byId.has(id.gone!), false);
    assert.deepEqual(
      scores.slice(0, 2).map((s) => s.articleId),
      [id.fresh, id.old],
    );
  });

  it('a longer half-life favours the older, bigger story', async () => {
    const scores = await trendingScores(store.db, { now: NOW, halfLifeHours: 24, limit: 2 });
    assert.deepEqual(
      scores.map((s) => s.articleId),
      [id.old, id.fresh],
    );
  });

  it("fills an edition's list from the whole site when the edition has too few", async () => {
    const asiaEdition = (await findEdition(store.db, 'south-asia'))!.id;
    const list = await trendingArticles(store.db, { now: NOW, editionId: asiaEdition, limit: 3 });
    assert.deepEqual(
      list.map((a) => a.id),
      [id.asia, id.fresh, id.old],
    );
  });
});
