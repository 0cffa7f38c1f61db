import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { archivePart, monthParts, publishedMonths } from '../../src/content/archive.js';
import type { Article } from '../../src/content/articles.js';
import { editArticle } from '../../src/content/lifecycle.js';
import type { Store } from '../../src/db/connect.js';
import { MAX_SITEMAP_URLS, urlsetChunks, type SitemapUrl } from '../../src/syndication/sitemaps.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor, unpublishArticle } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

const SITE = 'https://news.example.org';
const PART = 3;
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => name === 'url' || name === 'sitemap' || name === 'image:image',
});

/** Checks well-formedness, then parses. */
function parseXml(xml: string): any {
  const valid = XMLValidator.validate(xml);
  assert.equal(valid, true, `not well-formed: ${JSON.stringify(valid)}`);
  return parser.parse(xml);
}

const url = (a: Article) => `${SITE}/article/${a.id}-${a.slug}`;
/** An hour of March 2026 (a month of 8 stories: parts of 3, 3 and 2). */
const march = (day: number, hour = 9) => new Date(Date.UTC(2026, 2, day, hour)).toISOString();

describe('sitemaps written in chunks', () => {
  const urls = (n: number, from = 0): SitemapUrl[] =>
    Array.from({ length: n }, (_, i) => ({ loc: `${SITE}/article/${from + i}-x`, lastmod: null, images: [] }));
  async function* batches(...sizes: number[]) {
    let n = 0;
    for (const size of sizes) {
      yield urls(size, n);
      n += size;
    }
  }

  it('yields the opening, a chunk per batch and the closing, which join into one valid urlset', async () => {
    const chunks: string[] = [];
    for await (const chunk of urlsetChunks(batches(2, 2, 1))) chunks.push(chunk);
    assert.equal(chunks.length, 5);
    const doc = parseXml(chunks.join(''));
    assert.equal(doc.urlset['@_xmlns'], SITEMAP_NS);
    assert.deepEqual(
      doc.urlset.url.map((u: any) => u.loc),
      urls(5).map((u) => u.loc),
    );
  });

  it(`refuses to write more than ${MAX_SITEMAP_URLS} URLs into one sitemap`, async () => {
    const drain = async () => {
      for await (const _ of urlsetChunks(batches(MAX_SITEMAP_URLS, 1))) void _;
    };
    await assert.rejects(drain(), RangeError);
  });
});

describeEachDatabase('sitemaps in parts', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  /** March's stories in publication order; two in April; one in March taken down. */
  const inMarch: Article[] = [];
  const inApril: Article[] = [];
  let removed: Article;

  before(async () => {
    ({ store } = await openSuite(testDb));
    // Published out of order, so the parts' order is the publication time's, not the id's.
    for (const day of [5, 1, 7, 2, 8, 3, 4, 6]) inMarch.push(await addStory(store.db, { headline: `March ${day}` }, { now: march(day) }));
    inMarch.sort((a, b) => a.publishedAt!.localeCompare(b.publishedAt!));
    removed = await addStory(store.db, { headline: 'Taken Down' }, { now: march(9) });
    removed = await unpublishArticle(store.db, removed.id, { actor: testActor(), now: march(10) });
    for (const day of [1, 2]) inApril.push(await addStory(store.db, { headline: `April ${day}` }, { now: new Date(Date.UTC(2026, 3, day)).toISOString() }));
    const config = { ...loadConfig({ LOG_LEVEL: 'silent', SITE_URL: SITE }), database: testDb.target, dataDir: testDb.dataDir };
    app = await buildApp({ config, store: { ...store, close: async () => {} }, sitemapPartSize: PART });
    await app.changeListener.ready;
  });
  after(() => app?.close());

  const get = (path: string) => app.inject({ method: 'GET', url: path });
  const lastChange = (stories: Article[]) =>
    stories
      .map((a) => a.updatedAt)
      .sort()
      .at(-1);
  async function part(path: string): Promise<string[]> {
    const res = await get(path);
    assert.equal(res.statusCode, 200, path);
    const doc = parseXml(res.body);
    assert.equal(doc.urlset['@_xmlns'], SITEMAP_NS);
    assert.equal(doc.urlset['@_xmlns:image'], 'http://www.google.com/schemas/sitemap-image/1.1');
    return doc.urlset.url.map((u: any) => u.loc);
  }

  it('the archive: months newest first, cut into parts of at most the part size, oldest stories first', async () => {
    assert.deepEqual(await publishedMonths(store.db), ['2026-04', '2026-03']);
    const parts = await monthParts(store.db, '2026-03', PART);
    assert.deepEqual(
      parts.map((p) => [p.part, p.count]),
      [
        [1, 3],
        [2, 3],
        [3, 2],
      ],
    );
    assert.deepEqual(
      parts.map((p) => p.lastModified),
      [0, 3, 6].map((i) => lastChange(inMarch.slice(i, i + PART))),
    );
    assert.deepEqual(await monthParts(store.db, '2026-05', PART), []);
  });

  it('reads a part in batches no larger than asked, by keyset, each story once', async () => {
    const seen: number[][] = [];
    for await (const batch of archivePart(store.db, '2026-03', 2, PART, { batchSize: 2 })) seen.push(batch.map((a) => a.id));
    assert.deepEqual(seen, [[inMarch[3]!.id, inMarch[4]!.id], [inMarch[5]!.id]]);
    for (const beyond of [4, 0]) {
      const none = [];
      for await (const batch of archivePart(store.db, '2026-03', beyond, PART)) none.push(batch);
      assert.deepEqual(none, [], `part ${beyond}`);
    }
  });

  it('the index lists each month as as many parts as it needs, a month that fits under its old name, each with its own lastmod', async () => {
    const res = await get('/sitemap.xml');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
    const index = parseXml(res.body).sitemapindex;
    assert.equal(index['@_xmlns'], SITEMAP_NS);
    const entries = index.sitemap.map((s: any) => [s.loc.replace(SITE, ''), s.lastmod]);
    assert.deepEqual(entries.slice(1), [
      ['/sitemaps/articles-2026-04.xml', lastChange(inApril)],
      ['/sitemaps/articles-2026-03.xml', lastChange(inMarch.slice(0, 3))],
      ['/sitemaps/articles-2026-03-2.xml', lastChange(inMarch.slice(3, 6))],
      ['/sitemaps/articles-2026-03-3.xml', lastChange(inMarch.slice(6))],
    ]);
    assert.equal(entries[0][0], '/sitemaps/pages.xml');
  });

  it('each part holds its stories in publication order; together they hold the month once; beyond the last is 404', async () => {
    const parts = [
      await part('/sitemaps/articles-2026-03.xml'),
      await part('/sitemaps/articles-2026-03-2.xml'),
      await part('/sitemaps/articles-2026-03-3.xml'),
    ];
    assert.deepEqual(
      parts.map((p) => p.length),
      [3, 3, 2],
    );
    assert.deepEqual(parts.flat(), inMarch.map(url));
    assert.ok(!parts.flat().includes(url(removed)), 'the story taken down is absent');
    assert.deepEqual(await part('/sitemaps/articles-2026-04.xml'), inApril.map(url));
    for (const path of ['/sitemaps/articles-2026-03-4.xml', '/sitemaps/articles-2026-04-2.xml', '/sitemaps/articles-2026-05.xml']) {
      const res = await get(path);
      assert.equal(res.statusCode, 404, path);
      assert.equal(res.headers['cache-control'], 'no-store', path);
    }
  });

  it('a part is kept in the page cache under its month’s key only; a story of another month leaves it kept, one of its month drops it', async () => {
    const path = '/sitemaps/articles-2026-03-2.xml';
    const first = await get(path);
    await app.pageCache!.settled();
    assert.deepEqual(String(first.headers['surrogate-key']).split(' ').sort(), ['m-2026-03', 'site'], 'no key per story: the month covers them');
    assert.ok(app.pageCache!.has(path));

    await addStory(store.db, { headline: 'April 3' }, { now: new Date(Date.UTC(2026, 3, 3)).toISOString() });
    assert.ok(app.pageCache!.has(path), 'an April story leaves March’s sitemap cached');
    assert.equal(app.pageCache!.has('/sitemap.xml'), false, 'the index shows every month');

    // An edit of a story in part 2 moves part 2's lastmod, and only part 2's.
    const before = parseXml((await get('/sitemap.xml')).body).sitemapindex.sitemap;
    const edited = await editArticle(
      store.db,
      inMarch[4]!.id,
      { standfirst: 'A corrected summary.' },
      { actor: testActor(), now: '2026-04-20T10:00:00.000Z' },
      { textBy: 'person' },
    );
    assert.equal(app.pageCache!.has(path), false, 'a March story’s change drops March’s parts');
    const after = parseXml((await get('/sitemap.xml')).body).sitemapindex.sitemap;
    const lastmods = (list: any[]) => Object.fromEntries(list.map((s) => [s.loc.replace(SITE, ''), s.lastmod]));
    assert.equal(lastmods(after)[path], edited.updatedAt);
    assert.equal(lastmods(after)['/sitemaps/articles-2026-03.xml'], lastmods(before)['/sitemaps/articles-2026-03.xml']);
    assert.equal(lastmods(after)['/sitemaps/articles-2026-03-3.xml'], lastmods(before)['/sitemaps/articles-2026-03-3.xml']);
    const xml = (await get(path)).body;
    assert.match(xml, new RegExp(`<loc>${url(edited)}</loc><lastmod>${edited.updatedAt}</lastmod>`));
  });

  it('taking a story down shortens the month: its last part goes when it is no longer needed', async () => {
    await part('/sitemaps/articles-2026-03-3.xml'); // kept, until the change
    await unpublishArticle(store.db, inMarch[0]!.id, { actor: testActor(), now: '2026-04-21T10:00:00.000Z' });
    await unpublishArticle(store.db, inMarch[1]!.id, { actor: testActor(), now: '2026-04-21T10:01:00.000Z' });
    const locs = parseXml((await get('/sitemap.xml')).body).sitemapindex.sitemap.map((s: any) => s.loc.replace(SITE, ''));
    assert.deepEqual(
      locs.filter((l: string) => l.includes('2026-03')),
      ['/sitemaps/articles-2026-03.xml', '/sitemaps/articles-2026-03-2.xml'],
    );
    assert.equal((await get('/sitemaps/articles-2026-03-3.xml')).statusCode, 404);
    assert.deepEqual([...(await part('/sitemaps/articles-2026-03.xml')), ...(await part('/sitemaps/articles-2026-03-2.xml'))], inMarch.slice(2).map(url));
  });
});
