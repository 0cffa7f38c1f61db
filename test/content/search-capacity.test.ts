import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { getArticle } from '../../src/content/articles.js';
import { RESULT_CAP, SEARCH_PAGE_SIZE, searchArticles, type SearchFilters } from '../../src/content/search.js';
import { indexArticleText } from '../../src/content/search-index.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { openSuite } from '../helpers/suite.js';

/**
 * Search over more stories than it counts: 1,200 stories, one a day over the last 1,200 days
 * (so PostgreSQL's recent windows and the older ones all take part), every one with the word
 * "harbour". Rows are written directly and indexed through indexArticleText, the lifecycle's
 * own indexing call, so that the archive is ready in a second or two.
 */
const N = 1200;
const isDraft = (i: number) => i % 50 === 0;
const countryOf = (i: number) => ((i >= 10 && i < 22) || i === 1195 ? 'NP' : 'IN');
const sectorOf = (i: number) => (i % 100 === 7 ? 'energy' : 'health');
const editionOf = (i: number) => (i >= 100 && i < 110 ? 'south-asia' : 'global');
const kindOf = (i: number) => (i % 97 === 0 || i === 7 ? 'opinion' : 'news');
const headlineOf = (i: number) => (i === 1190 ? `Harbour reopens ${i}` : `Story number ${i}`);
const bodyOf = (i: number) => `A report on the harbour, number ${i}.${i === 3 || i === 1151 ? ' The lighthouse keeper spoke.' : ''}`;

describeEachDatabase('search over more stories than it counts', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  const ids = new Map<number, number>(); // i → article id
  const published = (pick: (i: number) => boolean) =>
    [...ids]
      .filter(([i]) => !isDraft(i) && pick(i))
      .map(([, id]) => id)
      .sort((a, b) => a - b);

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    const db = store.db;
    const editions = new Map((await db.selectFrom('editions').select(['id', 'slug']).execute()).map((e) => [e.slug, e.id]));
    const sectors = new Map((await db.selectFrom('sectors').select(['id', 'slug']).execute()).map((s) => [s.slug, s.id]));
    const now = Date.now();
    await db.transaction().execute(async (trx) => {
      for (let i = 1; i <= N; i++) {
        const at = new Date(now - (N - i) * 86_400_000 - 3_600_000).toISOString();
        const status = isDraft(i) ? 'draft' : 'published';
        const listed = status === 'published' ? at : null;
        const { rows } = await sql<{
          id: number;
        }>`insert into articles (slug, kind, status, headline, standfirst, body, edition_id, created_at, updated_at, published_at)
          values (${`story-${i}`}, ${kindOf(i)}, ${status}, ${headlineOf(i)}, '', ${`<p>${bodyOf(i)}</p>`}, ${editions.get(editionOf(i))!}, ${at}, ${at}, ${listed})
          returning id`.execute(trx);
        const id = Number(rows[0]!.id);
        ids.set(i, id);
        await trx
          .insertInto('article_sectors')
          .values({ article_id: id, sector_id: sectors.get(sectorOf(i))!, position: 0, listed_at: listed })
          .execute();
        await trx
          .insertInto('article_countries')
          .values({ article_id: id, country_code: countryOf(i), position: 0, listed_at: listed })
          .execute();
        await indexArticleText(trx, (await getArticle(trx, id))!);
      }
    });
    if (store.kind === 'postgres') await sql`analyze`.execute(store.db);
  });

  const found = async (q: string, filters: SearchFilters = {}, page = 1) => searchArticles(store.db, q, filters, page);
  const allPages = async (q: string, filters: SearchFilters = {}) => {
    const seen: number[] = [];
    for (let page = 1; ; page++) {
      const r = await found(q, filters, page);
      seen.push(...r.hits.map((h) => h.article.id));
      if (page >= r.pages) return seen;
    }
  };

  it(`counts up to ${RESULT_CAP} and says there are more; the pages end there`, async () => {
    const r = await found('harbour');
    assert.equal(r.total, RESULT_CAP);
    assert.equal(r.capped, true);
    assert.equal(r.pages, RESULT_CAP / SEARCH_PAGE_SIZE);
    assert.equal(r.hits.length, SEARCH_PAGE_SIZE);
    const last = await found('harbour', {}, r.pages);
    assert.equal(last.hits.length, SEARCH_PAGE_SIZE);
    assert.equal((await found('harbour', {}, r.pages + 1)).page, r.pages, 'a later page is the last one');
  });

  it('shows the newest matches, every published one once and no draft', async () => {
    const seen = await allPages('harbour');
    assert.equal(seen.length, RESULT_CAP);
    assert.equal(new Set(seen).size, RESULT_CAP);
    const newest = new Set(published(() => true).slice(-(RESULT_CAP + 1)));
    for (const id of seen) assert.ok(newest.has(id), `story ${id} is among the newest ${RESULT_CAP + 1} published matches`);
  });

  it('a headline match ranks first', async () => {
    assert.equal((await found('harbour')).hits[0]?.article.id, ids.get(1190));
  });

  it('counts exactly below the cap', async () => {
    const r = await found('lighthouse');
    assert.deepEqual({ total: r.total, capped: r.capped, pages: r.pages }, { total: 2, capped: false, pages: 1 });
    assert.deepEqual(
      r.hits.map((h) => h.article.id).sort((a, b) => a - b),
      [ids.get(3), ids.get(1151)],
    );
    assert.deepEqual(await found('xylophonist').then((x) => [x.total, x.capped, x.hits.length]), [0, false, 0]);
  });

  it('each filter finds all of its matches, old ones too, not only those among the newest', async () => {
    const cases: [SearchFilters, (i: number) => boolean][] = [
      [{ country: 'NP' }, (i) => countryOf(i) === 'NP'],
      [{ sector: 'energy' }, (i) => sectorOf(i) === 'energy'],
      [{ edition: 'south-asia' }, (i) => editionOf(i) === 'south-asia'],
      [{ kind: 'opinion' }, (i) => kindOf(i) === 'opinion'],
      [{ kind: 'opinion', sector: 'energy' }, (i) => kindOf(i) === 'opinion' && sectorOf(i) === 'energy'],
      [{ country: 'NP', edition: 'south-asia' }, () => false],
    ];
    for (const [filters, pick] of cases) {
      const expected = published(pick);
      const r = await found('harbour', filters);
      assert.deepEqual({ total: r.total, capped: r.capped }, { total: expected.length, capped: false }, JSON.stringify(filters));
      assert.deepEqual(
        (await allPages('harbour', filters)).sort((a, b) => a - b),
        expected,
        JSON.stringify(filters),
      );
    }
    assert.deepEqual(
      (await found('lighthouse', { country: 'IN' })).hits.map((h) => h.article.id).sort((a, b) => a - b),
      [ids.get(3), ids.get(1151)],
    );
    assert.equal((await found('lighthouse', { country: 'NP' })).total, 0);
  });

  it('the search page says "more than 1,000" beyond the cap, and the exact number below it', async () => {
    const html = (await app.inject({ url: '/search', query: { q: 'harbour' } })).body;
    assert.match(html, /More than 1,000 stories match your search/);
    assert.match(html, /Page 1 of 50/);
    assert.match((await app.inject({ url: '/search', query: { q: 'harbour', country: 'nepal' } })).body, /13 stories match your search/);
  });
});
