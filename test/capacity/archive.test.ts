import assert from 'node:assert/strict';
import path from 'node:path';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import { rollUpViews } from '../../src/audience/rollup.js';
import { archivePart, monthParts, publishedMonths } from '../../src/content/archive.js';
import { listingShapes, listPlan, planProblem } from '../../src/content/list-plans.js';
import { RESULT_CAP, searchArticles } from '../../src/content/search.js';
import { postgresStatement } from '../../src/content/search-queries.js';
import { createArticle } from '../../src/content/lifecycle.js';
import { inTransaction, type Store } from '../../src/db/connect.js';
import { loadDemoArchive } from '../../src/demo/archive.js';
import { seedDemo } from '../../src/demo/seed.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';

/*
 * The capacity checks at a size CI can afford (the full figures are `npm run bench:scale`):
 * an archive of 50,000 stories, on which the planner's own choices must still be the
 * index-only listing plans, every search shape must answer right, sitemaps must split every
 * month into parts that hold each story once, and the roll-up of reads must keep every read.
 */

const STORIES = Number(process.env.CAPACITY_STORIES ?? 50_000);
const NOW = new Date('2026-11-29T12:00:00.000Z');
const DRAFTS = 300;

describeEachDatabase(`capacity at ${STORIES} stories`, (testDb) => {
  let store: Store;
  let analysed = false;

  before(async () => {
    store = await testDb.open();
    await seedDemo(store.db, { dataDir: testDb.dataDir, now: NOW });
    await loadDemoArchive(store.db, { articles: STORIES, now: NOW, mediaDir: path.join(testDb.dataDir, 'media') });
    // A desk's drafts: the archive holds published stories only, and with a handful of drafts
    // sorting them all is the planner's right answer (PostgreSQL picks it once autovacuum has
    // counted them); a desk taking agency copy has hundreds.
    await inTransaction(store.db, async (trx) => {
      for (let i = 0; i < DRAFTS; i++) {
        await createArticle(
          trx,
          { kind: 'news', headline: `Desk draft number ${i} about a new water scheme`, body: '<p>Draft.</p>', sectors: ['health'], countries: ['IN'] },
          { actor: testActor('desk'), now: new Date(NOW.getTime() - i * 60_000).toISOString() },
        );
      }
    });
  });

  for (const [name, query, index] of listingShapes) {
    it(`listing "${name}" keeps its plan on ${index}, with statistics and without`, async () => {
      const plan = await listPlan(store, query, false);
      assert.equal(planProblem(store.kind, plan, index), null, plan);
      // SQLite plans from heuristics until someone runs ANALYZE; PostgreSQL's autovacuum runs it
      // when it gets round to it: both are analysed here, so the statistics are surely there.
      if (!analysed) {
        await sql`analyze`.execute(store.db);
        analysed = true;
      }
      const withStats = await listPlan(store, query, false);
      assert.equal(planProblem(store.kind, withStats, index), null, withStats);
    });
  }

  it('search: a common word finds many stories, best first, a page at a time', async () => {
    const result = await searchArticles(store.db, 'programme');
    // Thousands match; the count stops at the cap and says so.
    assert.equal(result.total, RESULT_CAP);
    assert.equal(result.capped, true);
    assert.equal(result.hits.length, 20);
    assert.ok(result.hits.every((h) => /<mark>programme/i.test(`${h.headlineHtml} ${h.snippetHtml}`)));
  });

  it('search: a rare word and a phrase find their stories', async () => {
    const row = await store.db
      .selectFrom('articles')
      .select(['id', 'body'])
      .where('status', '=', 'published')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
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

  it('search: the PostgreSQL index keeps no pending list, so a search with no hits reads few pages', async (t) => {
    if (store.kind !== 'postgres') return t.skip('PostgreSQL only: SQLite FTS5 keeps no pending list');
    const options = await sql<{ reloptions: string[] | null }>`select reloptions from pg_class where relname = 'article_search_words_tags'`.execute(store.db);
    assert.ok(options.rows[0]?.reloptions?.includes('fastupdate=off'), JSON.stringify(options.rows));
    // The drafts written after the load went straight into the index: every window's scan of
    // it (a dozen) reads its entries for the word, not a list of unsorted new entries as well.
    const statement = postgresStatement({ websearch: 'zzqxjv', tags: [], w: { cap: RESULT_CAP, limit: 20, offset: 0 }, windows: true }).compile(store.db);
    const plan = await store.db.executeQuery<{ 'QUERY PLAN': [{ Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }] }>({
      ...statement,
      sql: `explain (analyze, buffers, format json) ${statement.sql}`,
    });
    const top = plan.rows[0]!['QUERY PLAN'][0].Plan;
    assert.ok(top['Shared Hit Blocks'] + top['Shared Read Blocks'] < 1_000, JSON.stringify(top));
  });

  it('sitemaps: every month in parts of at most the part size, each story in exactly one', async () => {
    const partSize = 500;
    const months = await publishedMonths(store.db);
    assert.ok(months.length >= 24, String(months.length));
    const busiest = months[Math.floor(months.length / 2)]!;
    const parts = await monthParts(store.db, busiest, partSize);
    assert.ok(parts.length >= 2, `${busiest}: ${parts.length} parts`);
    const seen = new Set<number>();
    for (const part of parts) {
      assert.ok(part.count <= partSize);
      let inPart = 0;
      for await (const batch of archivePart(store.db, busiest, part.part, partSize, { batchSize: 200 })) {
        for (const entry of batch) {
          assert.ok(!seen.has(entry.id), `story ${entry.id} is in two parts`);
          seen.add(entry.id);
          inPart += 1;
        }
      }
      assert.equal(inPart, part.count);
    }
    const [from, to] = [`${busiest}-01T00:00:00.000Z`, new Date(Date.UTC(Number(busiest.slice(0, 4)), Number(busiest.slice(5, 7)), 1)).toISOString()];
    const inMonth = await store.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'published')
      .where('published_at', '>=', from)
      .where('published_at', '<', to)
      .executeTakeFirstOrThrow();
    assert.equal(seen.size, Number(inMonth.n));
  });

  it('reads: the roll-up moves every hour older than 72 h into days and keeps every read', async () => {
    const sum = async (table: 'article_views' | 'article_views_daily') =>
      Number(
        (
          await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.sum<number>('views').as('n'))
            .executeTakeFirstOrThrow()
        ).n ?? 0,
      );
    const before = await sum('article_views');
    assert.ok(before > 0);
    const result = await rollUpViews(store.db, { now: NOW });
    assert.ok(result.buckets > 0);
    assert.equal((await sum('article_views')) + (await sum('article_views_daily')), before);
    const oldest = await store.db
      .selectFrom('article_views')
      .select((eb) => eb.fn.min('hour').as('h'))
      .executeTakeFirstOrThrow();
    assert.ok(Date.parse(String(oldest.h)) >= NOW.getTime() - 72 * 3_600_000);
  });
});
