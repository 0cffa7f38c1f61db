import assert from 'node:assert/strict';
import path from 'node:path';
import { before, it } from 'node:test';
import { listingShapes, listPlan, planProblem } from '../../src/content/list-plans.js';
import { searchArticles } from '../../src/content/search.js';
import type { Store } from '../../src/db/connect.js';
import { loadDemoArchive } from '../../src/db/demo/archive.js';
import { seedDemo } from '../../src/db/demo/seed.js';
import { describeEachDatabase } from '../helpers/databases.js';

/*
 * The capacity checks at a size CI can afford (the full figures are `npm run bench:scale`):
 * an archive of 50,000 stories, on which the planner's own choices, with real statistics,
 * must still be the index-only listing plans, and every search shape must answer right.
 */

const STORIES = Number(process.env.CAPACITY_STORIES ?? 50_000);
const NOW = new Date('2026-11-29T12:00:00.000Z');

describeEachDatabase(`capacity at ${STORIES} stories`, (testDb) => {
  let store: Store;

  before(async () => {
    store = await testDb.open();
    await seedDemo(store.db, { dataDir: testDb.dataDir, now: NOW });
    await loadDemoArchive(store.db, { articles: STORIES, now: NOW, mediaDir: path.join(testDb.dataDir, 'media') });
  });

  for (const [name, query, index] of listingShapes) {
    it(`listing "${name}" keeps its plan on ${index}`, async () => {
      const plan = await listPlan(store, query, false);
      assert.equal(planProblem(store.kind, plan, index), null, plan);
    });
  }

  it('search: a common word finds many stories, best first, a page at a time', async () => {
    const result = await searchArticles(store.db, 'programme');
    assert.ok(result.total > 1_000, String(result.total));
    assert.equal(result.hits.length, 20);
    assert.ok(result.hits.every((h) => /<mark>programme/i.test(`${h.headlineHtml} ${h.snippetHtml}`)));
  });

  it('search: a rare word and a phrase find their stories', async () => {
    const row = await store.db.selectFrom('articles').select(['id', 'body']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const name = /compiled by \w+ (\w+) of the/.exec(row.body)![1]!;
    const rare = await searchArticles(store.db, name);
    assert.ok(rare.hits.some((h) => h.article.id === row.id));
    assert.ok(rare.total < STORIES / 100, `${name}: ${rare.total}`);
    const phrase = await searchArticles(store.db, '"drip irrigation"');
    assert.ok(phrase.total > 0);
    assert.ok(phrase.hits.every((h) => /<mark>drip/i.test(h.snippetHtml + h.headlineHtml)));
  });

  it('search: each filter keeps only its stories', async () => {
    const kind = await searchArticles(store.db, 'water', { kind: 'opinion' });
    assert.ok(kind.hits.length > 0 && kind.hits.every((h) => h.article.kind === 'opinion'));
    const sector = await searchArticles(store.db, 'water', { sector: 'health' });
    assert.ok(sector.hits.length > 0 && sector.hits.every((h) => h.article.sectors.includes('health')));
    const edition = await store.db.selectFrom('editions').select(['id', 'slug']).where('slug', '=', 'south-asia').executeTakeFirstOrThrow();
    const byEdition = await searchArticles(store.db, 'water', { edition: 'south-asia' });
    assert.ok(byEdition.hits.length > 0 && byEdition.hits.every((h) => h.article.editionId === edition.id));
    const country = await searchArticles(store.db, 'water', { country: 'IN' });
    assert.ok(country.hits.length > 0 && country.hits.every((h) => h.article.countries.includes('IN')));
  });

  it('search: a query with no hits answers with none', async () => {
    const none = await searchArticles(store.db, 'zzqxjv');
    assert.equal(none.total, 0);
    assert.equal(none.hits.length, 0);
  });
});
