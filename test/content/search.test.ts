import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseQuery, searchArticles, toFts5, toWebsearch } from '../../src/content/search.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';
import { createArticle, unpublishArticle } from '../../src/content/lifecycle.js';
import { openSuite } from '../helpers/suite.js';

describe('search query language', () => {
  it('reads words, "phrases", OR and -exclusions', () => {
    const q = parseQuery('solar "mini grid" OR wind -coal');
    assert.equal(q.problem, null);
    assert.equal(toFts5(q), '("solar" AND "mini grid" OR "wind") NOT "coal"');
    assert.equal(toWebsearch(q), 'solar "mini grid" or wind -coal');
  });

  it('quotes every term, so FTS syntax typed by a reader is only text', () => {
    assert.equal(toFts5(parseQuery('NEAR(a b) col:x "unbalanced')), '("NEAR(a" AND "b)" AND "col:x" AND "unbalanced")');
  });

  it('explains empty, punctuation-only and exclusion-only queries instead of searching', () => {
    assert.match(parseQuery('').problem!, /Type a word/);
    assert.match(parseQuery('!!! ??? ...').problem!, /no words/);
    assert.match(parseQuery('-coal -oil').problem!, /only excludes/);
    assert.equal(parseQuery('OR OR solar OR').problem, null);
    assert.equal(toFts5(parseQuery('OR OR solar OR')), '("solar")');
  });

  it('reads only the first 200 characters of a huge query and says so', () => {
    const q = parseQuery('water '.repeat(2000));
    assert.equal(q.truncated, true);
    assert.ok(q.tokens.length <= 16);
  });
});

describeEachDatabase('search', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  const id: Record<string, number> = {};
  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    const make = async (key: string, headline: string, body: string, extra: object = {}, now = new Date().toISOString(), publish = true) => {
      id[key] = (
        await createArticle(
          store.db,
          { kind: 'news', headline, body: `<p>${body}</p>`, countries: ['IN'], sectors: ['energy'], ...extra },
          { actor: testActor(), now },
          publish ? { publish: {} } : {},
        )
      ).id;
    };
    await make(
      'solarOld',
      'Solar Mini Grid Reaches Villages',
      'A solar mini grid now powers clinics.',
      {},
      new Date(Date.now() - 200 * 86_400_000).toISOString(),
    );
    await make('solarNew', 'Solar Mini Grid Reaches Villages', 'A solar mini grid now powers clinics.');
    await make('wind', 'Wind Farm Opens', 'The wind farm has forty turbines.', { sectors: ['health'], countries: ['NP'], edition: 'south-asia' });
    await make('coal', 'Solar Plant Replaces Coal', 'Solar panels replace an old coal boiler.');
    await make('tricky', 'Clinic <Hours> & "Rules"', 'Opening hours change on Monday.', { kind: 'opinion' });
    await make('draft', 'Solar Draft Story', 'Solar words in a draft.', {}, undefined, false);
    await make('gone', 'Solar Story Taken Down', 'Solar words in a removed story.');
    await unpublishArticle(store.db, id.gone!, { actor: testActor('t') });
  });

  const ids = async (q: string, filters = {}) => (await searchArticles(store.db, q, filters)).hits.map((h) => h.article.id);

  it('finds published stories only, by stem, newer ahead of older when equally relevant', async () => {
    const found = await ids('solar');
    assert.deepEqual(new Set(found), new Set([id.solarNew, id.solarOld, id.coal]));
    assert.ok(found.indexOf(id.solarNew!) < found.indexOf(id.solarOld!), 'recency boost');
    assert.ok(!found.includes(id.draft!) && !found.includes(id.gone!));
    assert.ok((await ids('turbine')).includes(id.wind!), 'stemming: turbine finds turbines');
  });

  it('honours phrases, OR and exclusions', async () => {
    assert.deepEqual(new Set(await ids('"mini grid"')), new Set([id.solarNew, id.solarOld]));
    assert.deepEqual(new Set(await ids('wind OR coal')), new Set([id.wind, id.coal]));
    assert.ok(!(await ids('solar -coal')).includes(id.coal!));
  });

  it('filters by kind, sector, edition and country', async () => {
    assert.deepEqual(await ids('wind', { sector: 'health' }), [id.wind]);
    assert.deepEqual(await ids('wind', { sector: 'energy' }), []);
    assert.deepEqual(await ids('wind', { edition: 'south-asia', country: 'np' }), [id.wind]);
    assert.deepEqual(await ids('hours', { kind: 'opinion' }), [id.tricky]);
  });

  it('highlights matches in escaped snippets', async () => {
    const [hit] = (await searchArticles(store.db, 'rules hours')).hits;
    assert.ok(hit);
    // PostgreSQL's headline parser reads "<Hours>" as a tag and does not mark it; both escape it.
    assert.match(hit.headlineHtml, /^Clinic &lt;(<mark>)?Hours(<\/mark>)?&gt; &amp; &quot;<mark>Rules<\/mark>&quot;$/);
    assert.match(hit.snippetHtml, /<mark>hours<\/mark>/i);
  });

  it('the search page never fails: empty, huge, punctuation and unbalanced queries get a helpful page', async () => {
    for (const q of ['', 'x'.repeat(10_240), '!!!???', '"unbalanced', 'a" OR OR -', '%00<script>', 'NEAR(', '*']) {
      const res = await app.inject({ url: '/search', query: { q } });
      assert.equal(res.statusCode, 200, `q=${q.slice(0, 20)}`);
      // Inside a quoted attribute value "<" starts nothing; outside one it must be escaped.
      assert.doesNotMatch(res.body.replace(/="[^"]*"/g, '=""'), /<script>/);
    }
    assert.match((await app.inject({ url: '/search', query: { q: '!!!' } })).body, /no words or numbers/);
    assert.match((await app.inject({ url: '/search', query: { q: 'x'.repeat(10_240) } })).body, /first 200 characters/);
    assert.equal((await app.inject({ url: '/search', query: { q: 'solar', page: 'abc', kind: 'nonsense' } })).statusCode, 200);
  });

  it('the search page lists results with highlights and pages', async () => {
    const html = (await app.inject({ url: '/search', query: { q: 'solar' } })).body;
    assert.match(html, /3 stories match your search/);
    assert.match(html, /<mark>Solar<\/mark>/);
  });
});
