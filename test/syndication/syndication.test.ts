import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Article } from '../../src/content/articles.js';
import { createMedia } from '../../src/content/media.js';
import { savePage } from '../../src/content/pages.js';
import type { Store } from '../../src/db/connect.js';
import { renderRss, type Feed } from '../../src/syndication/feeds.js';
import { ttlMemo } from '../../src/util/memo.js';
import { newsLanguage, renderUrlset } from '../../src/syndication/sitemaps.js';
import { articleSitemapPath, parseArticleSitemapName } from '../../src/presentation/urls.js';
import { cdata, escapeXml, xmlSafe } from '../../src/syndication/xml.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, smallTaxonomy, testActor } from '../helpers/fixtures.js';
import { unpublishArticle } from '../../src/content/lifecycle.js';

const SITE = 'https://news.example.org';
const ARRAYS = new Set(['item', 'entry', 'url', 'sitemap', 'category', 'author', 'image:image', 'feed.link', 'feed.entry.link']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name, jpath) => ARRAYS.has(name) || ARRAYS.has(String(jpath)),
});

/** Checks well-formedness, then parses. */
function parseXml(xml: string): any {
  const valid = XMLValidator.validate(xml);
  assert.equal(valid, true, `not well-formed: ${JSON.stringify(valid)}`);
  return parser.parse(xml);
}

const HOSTILE = `<script>alert("x")</script> & 'quotes' "too"`;
const FILLERS = 120;
const MARCH = '2026-03';
const iso = (ms: number) => new Date(ms).toISOString();

describe('syndication XML helpers', () => {
  it('escapes the five special characters and strips characters XML 1.0 forbids', () => {
    assert.equal(escapeXml(`a&b<c>d"e'f`), 'a&amp;b&lt;c&gt;d&quot;e&apos;f');
    assert.equal(xmlSafe('a\u0000b\u0001c\u0008d\u000Be\uFFFEf\uFFFFg\uD800h'), 'abcdefgh');
    assert.equal(xmlSafe('tab\tlf\ncr\r 😀 é'), 'tab\tlf\ncr\r 😀 é');
  });

  it('keeps "]]>" inside CDATA by splitting the section', () => {
    const xml = `<x>${cdata('before ]]> after ]]>')}</x>`;
    assert.equal(XMLValidator.validate(xml), true);
    assert.equal(parser.parse(xml).x, 'before ]]> after ]]>');
  });

  it('writes an RSS feed that parses back to the same text, whatever the text holds', () => {
    const feed: Feed = {
      title: 'Feed & <Title>',
      homeUrl: `${SITE}/`,
      description: 'd',
      language: 'en',
      updated: '2026-11-01T00:00:00.000Z',
      publisher: 'P',
      iconUrl: `${SITE}/assets/favicon.svg`,
      items: [
        {
          url: `${SITE}/article/1-a?x=1&y=2`,
          title: `Bell\u0007 ${HOSTILE}`,
          summary: 'Nul\u0000 byte',
          contentHtml: '<p>code: a]]>b</p>',
          published: '2026-11-01T00:00:00.000Z',
          updated: '2026-11-01T00:00:00.000Z',
          agencies: [],
          enclosure: null,
          authors: ['A'],
          byline: 'A',
          categories: [{ label: 'R&D', url: `${SITE}/sector/r-d` }],
          image: null,
          language: 'en',
        },
      ],
    };
    const item = parseXml(renderRss(feed, `${SITE}/rss.xml`)).rss.channel.item[0];
    assert.equal(item.title, `Bell ${HOSTILE}`);
    assert.equal(item.description, 'Nul byte');
    assert.equal(item.link, `${SITE}/article/1-a?x=1&y=2`);
    assert.equal(item['content:encoded'], '<p>code: a]]>b</p>');
    assert.equal(item.category[0]['#text'], 'R&D');
  });

  it('writes sitemaps with escaped locations', () => {
    const doc = parseXml(renderUrlset([{ loc: `${SITE}/a?b=1&c=<2>`, lastmod: null, images: [`${SITE}/i'1.webp`] }]));
    assert.equal(doc.urlset.url[0].loc, `${SITE}/a?b=1&c=<2>`);
    assert.equal(doc.urlset.url[0]['image:image'][0]['image:loc'], `${SITE}/i'1.webp`);
  });

  it('names monthly sitemaps and reads the names back', () => {
    assert.equal(articleSitemapPath('2026-03'), '/sitemaps/articles-2026-03.xml');
    assert.equal(articleSitemapPath('2026-03', 2), '/sitemaps/articles-2026-03-2.xml');
    assert.deepEqual(parseArticleSitemapName('articles-2026-03.xml'), { month: '2026-03', part: 1 });
    assert.deepEqual(parseArticleSitemapName('articles-2026-03-2.xml'), { month: '2026-03', part: 2 });
    for (const bad of [
      'articles-2026-13.xml',
      'articles-0999-01.xml',
      'articles-2026-03-1.xml',
      'articles-2026-03-0.xml',
      'pages.xml',
      'articles-2026-3.xml',
    ]) {
      assert.equal(parseArticleSitemapName(bad), null, bad);
    }
  });

  it('shares one computation per key while it is fresh, and forgets failures', async () => {
    const memo = ttlMemo<number>(60_000, 2);
    let calls = 0;
    const make = async () => ++calls;
    assert.deepEqual(await Promise.all([memo('a', make), memo('a', make)]), [1, 1]);
    assert.equal(await memo('b', make), 2);
    await assert.rejects(memo('c', async () => Promise.reject(new Error('down'))));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(await memo('c', make), 3, 'a failure is not kept');
    assert.equal(await memo('a', make), 4, 'the oldest key was dropped beyond maxEntries');
  });

  it('gives Google News ISO 639 languages', () => {
    assert.equal(newsLanguage('en-IN'), 'en');
    assert.equal(newsLanguage('hi'), 'hi');
    assert.equal(newsLanguage('zh-TW'), 'zh-tw');
    assert.equal(newsLanguage('zh-Hans'), 'zh-cn');
  });
});

describeEachDatabase('syndication', (testDb) => {
  let app: FastifyInstance;
  const now = Date.now();
  const fillers: Article[] = [];
  let hostile: Article;
  let hourAgo: Article;
  let threeDaysAgo: Article;
  let opinion: Article;
  let removed: Article;
  let draft: Article;
  let store: Store;

  before(async () => {
    store = await testDb.open();
    const db = store.db;
    await smallTaxonomy(db);
    const illustration = await createMedia(db, {
      file: 'demo/test-hero.svg',
      mimeType: 'image/svg+xml',
      width: 1600,
      height: 900,
      altText: 'Abstract shapes',
      caption: '',
      credit: 'Wiredesk',
      digitalSourceType: 'algorithmicMedia',
    });
    const photo = await createMedia(db, {
      file: 'photos/pump.jpg',
      mimeType: 'image/jpeg',
      width: 800,
      height: 600,
      altText: 'A pump in a field',
      caption: 'A solar pump near Jaipur.',
      credit: 'Photo: Jane Doe',
      digitalSourceType: 'digitalCapture',
    });
    // 120 stories in March 2026, five hours apart: more than one page of 100.
    const marchStart = Date.UTC(2026, 2, 1, 0, 0);
    for (let i = 0; i < FILLERS; i += 1) {
      fillers.push(await addStory(db, { headline: `March Story ${i}`, heroMediaId: illustration.id }, { now: iso(marchStart + i * 5 * 3600_000) }));
    }
    removed = await addStory(db, { headline: 'Removed Later' }, { now: '2026-03-25T12:30:00.000Z' });
    removed = await unpublishArticle(db, removed.id, { actor: testActor('t'), now: '2026-03-26T00:00:00.000Z' });
    draft = await addStory(db, { headline: 'Draft Never Shown' }, { status: 'draft', now: iso(now - 30 * 60_000) });
    threeDaysAgo = await addStory(db, { headline: 'Three Days Old' }, { now: iso(now - 3 * 86400_000) });
    opinion = await addStory(
      db,
      { kind: 'opinion', headline: 'An Opinion', byline: { authors: [{ name: 'Asha Rao', userId: null }] } },
      { now: iso(now - 5 * 3600_000) },
    );
    hostile = await addStory(
      db,
      {
        headline: HOSTILE,
        standfirst: `Standfirst with <b>tags</b> & "quotes"`,
        body: '<p>See <a href="/page/about">our page</a> &amp; more.</p><p>Second paragraph of the hostile story.</p>',
        edition: 'south-asia',
        countries: ['IN', 'NP'],
        sectors: ['energy', 'health'],
        byline: {
          authors: [
            { name: 'Asha Rao', userId: null },
            { name: 'Tomas Berg', userId: null },
          ],
        },
        sources: [{ agency: 'Meridian News Agency', itemId: 'MNA-1', version: 1 }],
        aiInvolvement: 'generated',
        heroMediaId: photo.id,
      },
      { now: iso(now - 2 * 3600_000), publish: { via: 'desk', reviewed: false }, textBy: 'machine' },
    );
    hourAgo = await addStory(
      db,
      { headline: 'An Hour Ago', sectors: ['education'], countries: ['FR'], heroMediaId: illustration.id },
      { now: iso(now - 3600_000) },
    );
    await savePage(db, { slug: 'about', title: 'About us', body: '<p>Who we are.</p>' }, testActor());

    const config = { ...loadConfig({ LOG_LEVEL: 'silent', SITE_URL: SITE }), database: testDb.target, dataDir: testDb.dataDir };
    app = await buildApp({ config, store: { ...store, close: async () => {} } });
  });
  after(() => app?.close());

  /** Newest first, as every feed orders them. */
  const newest = () => [hourAgo, hostile, opinion, threeDaysAgo, ...[...fillers].reverse()];
  const url = (a: Article) => `${SITE}/article/${a.id}-${a.slug}`;

  async function get(path: string, headers: Record<string, string> = {}) {
    return app.inject({ method: 'GET', url: path, headers });
  }

  it('/rss.xml carries the latest 50 published articles, newest first, with full items', async () => {
    const res = await get('/rss.xml');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
    assert.equal(res.headers['cache-control'], 'public, max-age=300, stale-while-revalidate=600, s-maxage=300, stale-if-error=86400');
    const channel = parseXml(res.body).rss.channel;
    assert.equal(channel.title, 'Wiredesk');
    assert.equal(channel.link, `${SITE}/`);
    assert.equal(channel.language, 'en');
    assert.ok(channel.description.length > 0);
    assert.equal(new Date(channel.lastBuildDate).toISOString(), hourAgo.updatedAt.replace(/\.\d{3}Z$/, '.000Z'));
    const self = channel['atom:link'];
    assert.deepEqual([self['@_href'], self['@_rel'], self['@_type']], [`${SITE}/rss.xml`, 'self', 'application/rss+xml']);
    assert.deepEqual(
      [[channel.image.url].flat()[0], channel.image.title, channel.image.link, channel.image.width],
      [`${SITE}/icons/icon-144.png`, 'Wiredesk', `${SITE}/`, '144'],
    );

    const items: any[] = channel.item;
    assert.equal(items.length, 50);
    assert.deepEqual(
      items.map((i) => i.link),
      newest().slice(0, 50).map(url),
    );
    const times = items.map((i) => Date.parse(i.pubDate));
    assert.ok(
      times.every((t, i) => i === 0 || t <= times[i - 1]!),
      'newest first',
    );
    assert.match(items[0].pubDate, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    for (const item of items) {
      assert.equal(item.guid['#text'], item.link);
      assert.equal(item.guid['@_isPermaLink'], 'true');
    }
    const titles = items.map((i) => i.title);
    assert.ok(!titles.includes('Removed Later'), 'a published-then-unpublished article is absent');
    assert.ok(!titles.includes('Draft Never Shown'), 'a draft is absent');
    assert.ok(!res.body.includes(`/article/${removed.id}-`) && !res.body.includes(`/article/${draft.id}-`));
  });

  it('RSS items hold the body, the sources line, the AI note, creators, categories and the image', async () => {
    const items: any[] = parseXml((await get('/rss.xml')).body).rss.channel.item;
    const h = items.find((i) => i.link === url(hostile));
    assert.equal(h.title, HOSTILE, 'the headline round-trips escaped');
    assert.equal(h.description, 'Standfirst with &lt;b&gt;tags&lt;/b&gt; &amp; &quot;quotes&quot;', 'plain text, escaped for HTML inside the XML');
    const content: string = h['content:encoded'];
    assert.match(content, /<p>Second paragraph of the hostile story\.<\/p>/);
    assert.match(content, /<a href="https:\/\/news\.example\.org\/page\/about">our page<\/a>/, 'links are absolute');
    assert.match(content, /\(With inputs from agencies\.\)/);
    assert.match(content, /rewritten with AI from copy by Meridian News Agency and not edited by our staff; it was not reviewed by our staff/);
    assert.equal(h['dc:contributor'], 'Meridian News Agency', 'the agency is named for machines too');
    assert.equal(h['dc:creator'], 'Asha Rao and Tomas Berg');
    assert.deepEqual(
      h.category.map((c: any) => c['#text']),
      ['Energy', 'Health', 'India', 'Nepal'],
    );
    assert.equal(h.category[2]['@_domain'], `${SITE}/country/india`);
    const media = h['media:content'];
    assert.equal(media['@_url'], `${SITE}/media/1280/photos/pump.jpg.webp`);
    assert.deepEqual([media['@_type'], media['@_medium'], media['@_width'], media['@_height']], ['image/webp', 'image', '800', '600']);
    assert.equal(media['media:description']['#text'], 'A solar pump near Jaipur.');
    assert.equal(media['media:credit'], 'Photo: Jane Doe');
    // The lead image as an enclosure too, in JPEG, which every feed reader shows.
    assert.deepEqual([h.enclosure['@_url'], h.enclosure['@_type'], h.enclosure['@_length']], [`${SITE}/media/1280/photos/pump.jpg.jpg`, 'image/jpeg', '0']);
    assert.equal(items.find((i) => i.link === url(threeDaysAgo)).enclosure, undefined, 'no image, no enclosure');

    const f = items.find((i) => i.link === url(hourAgo));
    assert.match(f['content:encoded'], /<p>First paragraph\.<\/p>/);
    assert.doesNotMatch(f['content:encoded'], /AI|Source/);
    assert.equal(f['dc:creator'], 'News Desk');
    assert.match(f['media:content']['@_url'], /^https:\/\/news\.example\.org\/media\/1280\/.+\.webp$/);
    assert.deepEqual([f['media:content']['@_width'], f['media:content']['@_height']], ['1280', '720']);
    assert.match(f['media:content']['media:description']['#text'], /not a photograph of a real event or place/);
  });

  it('answers 304 to a reader that has the same feed', async () => {
    const first = await get('/rss.xml');
    const etag = first.headers.etag as string;
    assert.ok(etag);
    const again = await get('/rss.xml', { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
  });

  it('listing feeds: kinds, sectors, countries and editions; unknown slugs are 404', async () => {
    const opinionFeed = parseXml((await get('/opinion/rss.xml')).body).rss.channel;
    assert.deepEqual(
      opinionFeed.item.map((i: any) => i.title),
      ['An Opinion'],
    );
    assert.equal(opinionFeed.link, `${SITE}/opinion`);
    assert.equal(opinionFeed['atom:link']['@_href'], `${SITE}/opinion/rss.xml`);

    for (const path of ['/blog/rss.xml', '/interview/rss.xml', '/shots/rss.xml']) {
      const res = await get(path);
      assert.equal(res.statusCode, 200, path);
      assert.equal(parseXml(res.body).rss.channel.item, undefined, path);
    }

    const health = parseXml((await get('/sector/health/rss.xml')).body).rss.channel;
    assert.equal(health.item.length, 50);
    assert.ok(health.item.every((i: any) => i.category.some((c: any) => c['#text'] === 'Health')));
    assert.ok(!health.item.some((i: any) => i.title === 'An Hour Ago'));

    const france = parseXml((await get('/country/france/rss.xml')).body).rss.channel;
    assert.deepEqual(
      france.item.map((i: any) => i.title),
      ['An Hour Ago'],
    );

    const southAsia = parseXml((await get('/edition/south-asia/rss.xml')).body).rss.channel;
    assert.deepEqual(
      southAsia.item.map((i: any) => i.title),
      [HOSTILE],
    );
    assert.equal(southAsia.language, 'en-IN');
    assert.equal(southAsia.link, `${SITE}/edition/south-asia`);

    const global = await get('/edition/global/rss.xml');
    assert.equal(global.statusCode, 301);
    assert.equal(global.headers.location, '/rss.xml');

    for (const path of ['/sector/no-such-sector/rss.xml', '/country/atlantis/rss.xml', '/edition/mars/rss.xml']) {
      assert.equal((await get(path)).statusCode, 404, path);
    }
  });

  it('/atom.xml is an Atom 1.0 feed of the same 50 entries', async () => {
    const res = await get('/atom.xml');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
    const feed = parseXml(res.body).feed;
    assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(feed.id, `${SITE}/`);
    assert.equal(feed.title['#text'], 'Wiredesk');
    assert.ok(!Number.isNaN(Date.parse(feed.updated)));
    assert.ok(feed.link.some((l: any) => l['@_rel'] === 'self' && l['@_href'] === `${SITE}/atom.xml`));
    assert.ok(feed.link.some((l: any) => l['@_rel'] === 'alternate' && l['@_href'] === `${SITE}/`));
    const entries: any[] = feed.entry;
    assert.equal(entries.length, 50);
    assert.deepEqual(
      entries.map((e) => e.id),
      newest().slice(0, 50).map(url),
    );
    for (const e of entries) {
      assert.ok(e.title['#text'] && e.updated && e.published && e.author.length >= 1 && e.author[0].name, JSON.stringify(e));
      assert.equal(e.link[0]['@_href'], e.id);
    }
    const h = entries.find((e) => e.id === url(hostile));
    assert.equal(h.title['#text'], HOSTILE);
    assert.deepEqual(
      h.author.map((a: any) => a.name),
      ['Asha Rao', 'Tomas Berg'],
    );
    assert.equal(h.published, hostile.publishedAt);
    assert.equal(h.updated, hostile.updatedAt);
    assert.equal(h.summary['#text'], `Standfirst with <b>tags</b> & "quotes"`);
    assert.equal(h.content['@_type'], 'html');
    assert.match(h.content['#text'], /<p>Second paragraph of the hostile story\.<\/p>/);
    assert.equal(h['media:content']['@_url'], `${SITE}/media/1280/photos/pump.jpg.webp`);
  });

  it('/feed.json is a JSON Feed 1.1 of the same 50 items', async () => {
    const res = await get('/feed.json');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/feed+json; charset=utf-8');
    assert.equal(res.headers['cache-control'], 'public, max-age=300, stale-while-revalidate=600, s-maxage=300, stale-if-error=86400');
    const feed = res.json();
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.title, 'Wiredesk');
    assert.equal(feed.home_page_url, `${SITE}/`);
    assert.equal(feed.feed_url, `${SITE}/feed.json`);
    assert.ok(Array.isArray(feed.items));
    assert.equal(feed.items.length, 50);
    assert.deepEqual(
      feed.items.map((i: any) => i.id),
      newest().slice(0, 50).map(url),
    );
    for (const item of feed.items) {
      assert.equal(typeof item.id, 'string');
      assert.equal(item.url, item.id);
      assert.equal(typeof item.content_html, 'string');
      assert.ok(!Number.isNaN(Date.parse(item.date_published)) && !Number.isNaN(Date.parse(item.date_modified)));
      assert.ok(Array.isArray(item.authors) && item.authors.every((a: any) => typeof a.name === 'string'));
    }
    const h = feed.items.find((i: any) => i.id === url(hostile));
    assert.equal(h.title, HOSTILE);
    assert.equal(h.summary, `Standfirst with <b>tags</b> & "quotes"`);
    assert.match(h.content_html, /Second paragraph of the hostile story/);
    assert.equal(h.image, `${SITE}/media/1280/photos/pump.jpg.webp`);
    assert.deepEqual(h.authors, [{ name: 'Asha Rao' }, { name: 'Tomas Berg' }]);
    assert.equal(h.date_published, hostile.publishedAt);
    assert.deepEqual(h.tags, ['Energy', 'Health', 'India', 'Nepal']);
  });

  it('with WEBSUB_HUB the site’s feeds name the hub it is told of; without it none does', async () => {
    for (const path of ['/rss.xml', '/atom.xml', '/feed.json']) assert.doesNotMatch((await get(path)).body, /hub/i, path);
    const withHub = await buildApp({
      config: {
        ...loadConfig({ LOG_LEVEL: 'silent', SITE_URL: SITE, WEBSUB_HUB: 'https://hub.example.net/' }),
        database: testDb.target,
        dataDir: testDb.dataDir,
      },
      store: { ...store, close: async () => {} },
    });
    try {
      const rss = [parseXml((await withHub.inject('/rss.xml')).body).rss.channel['atom:link']].flat();
      assert.deepEqual(
        rss.map((l: any) => [l['@_rel'], l['@_href']]),
        [
          ['self', `${SITE}/rss.xml`],
          ['hub', 'https://hub.example.net/'],
        ],
      );
      const sector = [parseXml((await withHub.inject('/sector/health/rss.xml')).body).rss.channel['atom:link']].flat();
      assert.ok(!sector.some((l: any) => l['@_rel'] === 'hub'), 'a listing feed, which the hub is not told of, names no hub');
      const atom = parseXml((await withHub.inject('/atom.xml')).body).feed.link;
      assert.ok(atom.some((l: any) => l['@_rel'] === 'hub' && l['@_href'] === 'https://hub.example.net/'));
      assert.deepEqual((await withHub.inject('/feed.json')).json().hubs, [{ type: 'WebSub', url: 'https://hub.example.net/' }]);
    } finally {
      await withHub.close();
    }
    assert.throws(() => loadConfig({ WEBSUB_HUB: 'ftp://hub.example.net/' }), /WEBSUB_HUB/);
  });

  it('/sitemap.xml indexes the pages sitemap and one sitemap per month with articles', async () => {
    const res = await get('/sitemap.xml');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
    const index = parseXml(res.body).sitemapindex;
    const locs: string[] = index.sitemap.map((s: any) => s.loc);
    const months = new Set([...fillers, hostile, hourAgo, threeDaysAgo, opinion].map((a) => a.publishedAt!.slice(0, 7)));
    assert.deepEqual([...locs].sort(), [`${SITE}/sitemaps/pages.xml`, ...[...months].map((m) => `${SITE}/sitemaps/articles-${m}.xml`)].sort());
    assert.ok(index.sitemap.every((s: any) => !Number.isNaN(Date.parse(s.lastmod))));
    const march = index.sitemap.find((s: any) => s.loc === `${SITE}/sitemaps/articles-${MARCH}.xml`);
    assert.equal(
      march.lastmod,
      fillers
        .map((a) => a.updatedAt)
        .sort()
        .at(-1),
    );
  });

  it('a monthly sitemap lists that month’s published articles with lastmod and image', async () => {
    const res = await get(`/sitemaps/articles-${MARCH}.xml`);
    assert.equal(res.statusCode, 200);
    const urls: any[] = parseXml(res.body).urlset.url;
    assert.equal(urls.length, FILLERS, 'all of them, past the first page of 100');
    assert.deepEqual(urls.map((u) => u.loc).sort(), fillers.map(url).sort());
    const first = urls.find((u) => u.loc === url(fillers[0]!));
    assert.equal(first.lastmod, fillers[0]!.updatedAt);
    assert.match(first['image:image'][0]['image:loc'], /^https:\/\/news\.example\.org\/media\/1280\/demo\/test-hero\.svg\.webp$/);
    assert.ok(!res.body.includes(`/article/${removed.id}-`), 'the unpublished story is absent');

    const recent = await get(`/sitemaps/articles-${hourAgo.publishedAt!.slice(0, 7)}.xml`);
    assert.ok(parseXml(recent.body).urlset.url.some((u: any) => u.loc === url(hourAgo)));
    assert.ok(!recent.body.includes(`/article/${draft.id}-`), 'the draft is absent');

    for (const path of ['/sitemaps/articles-1999-01.xml', `/sitemaps/articles-${MARCH}-2.xml`, '/sitemaps/articles-2026-13.xml', '/sitemaps/nope.xml']) {
      assert.equal((await get(path)).statusCode, 404, path);
    }
  });

  it('/sitemaps/pages.xml lists front pages, listings, sectors, countries in use and static pages', async () => {
    const res = await get('/sitemaps/pages.xml');
    assert.equal(res.statusCode, 200);
    const locs: string[] = parseXml(res.body).urlset.url.map((u: any) => u.loc);
    for (const path of [
      '/',
      '/edition/south-asia',
      '/latest',
      '/opinion',
      '/sector/health',
      '/sector/energy',
      '/sector/education',
      '/country/india',
      '/country/nepal',
      '/country/france',
      '/countries',
      '/page/about',
    ]) {
      assert.ok(locs.includes(`${SITE}${path}`), path);
    }
    assert.ok(!locs.includes(`${SITE}/shots`), 'an empty listing is left out');
    assert.ok(!locs.includes(`${SITE}/country/germany`), 'a country without stories is left out');
    assert.equal(new Set(locs).size, locs.length);
  });

  it('/news-sitemap.xml lists the last 48 hours only', async () => {
    const res = await get('/news-sitemap.xml');
    assert.equal(res.statusCode, 200);
    const urls: any[] = parseXml(res.body).urlset.url;
    assert.deepEqual(
      urls.map((u) => u.loc),
      [hourAgo, hostile, opinion].map(url),
    );
    const h = urls.find((u) => u.loc === url(hostile))['news:news'];
    assert.equal(h['news:publication']['news:name'], 'Wiredesk');
    assert.equal(h['news:publication']['news:language'], 'en');
    assert.equal(h['news:publication_date'], hostile.publishedAt);
    assert.equal(h['news:title'], HOSTILE);
    assert.ok(!res.body.includes(`/article/${threeDaysAgo.id}-`), 'a story from 3 days ago is absent');
  });

  it('/robots.txt allows all but search and the newsroom, and names both sitemaps', async () => {
    const res = await get('/robots.txt');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/plain/);
    const lines = res.body.split('\n');
    for (const line of [
      'User-agent: *',
      'Allow: /',
      'Disallow: /search',
      'Disallow: /newsroom',
      `Sitemap: ${SITE}/sitemap.xml`,
      `Sitemap: ${SITE}/news-sitemap.xml`,
    ]) {
      assert.ok(lines.includes(line), line);
    }
  });
});
