import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addViews } from '../../src/audience/reads.js';
import { getArticle, listArticles, type Article } from '../../src/content/articles.js';
import { createMedia } from '../../src/content/media.js';
import type { Store } from '../../src/db/connect.js';
import { seedDemo } from '../../src/demo/seed.js';
import { articlePath } from '../../src/presentation/urls.js';
import { testApp } from '../helpers/app.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { createArticle, editArticle, unpublishArticle } from '../../src/content/lifecycle.js';
import { testActor } from '../helpers/fixtures.js';

/** Text of the page with tags removed, for order checks. */
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describeEachDatabase('public site', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let indian: Article;
  let generated: Article;

  before(async () => {
    store = await testDb.open();
    await seedDemo(store.db, { dataDir: testDb.dataDir });
    app = await testApp(testDb, store);
    // A generative-AI image of our own: a copy of a demo illustration under a new name.
    const demoFile = (await listArticles(store.db, { limit: 1 })).items[0]!.hero!.file;
    fs.copyFileSync(path.join(testDb.dataDir, 'media', demoFile), path.join(testDb.dataDir, 'media', 'test-ai.svg'));
    const hero = await createMedia(store.db, {
      file: 'test-ai.svg',
      mimeType: 'image/svg+xml',
      width: 1600,
      height: 900,
      altText: 'A generated picture',
      caption: '',
      credit: 'Model X',
      digitalSourceType: 'trainedAlgorithmicMedia',
    });
    indian = await createArticle(
      store.db,
      {
        kind: 'news',
        headline: 'Monsoon Forecast Helps Farmers Plan Sowing',
        standfirst: 'A new seasonal forecast reached farmers early.',
        body: '<p>The forecast arrived in May.</p><p>Farmers planned their sowing.</p>',
        datelineCity: 'New Delhi',
        edition: 'south-asia',
        countries: ['IN'],
        sectors: ['agriculture-forestry'],
        heroMediaId: hero.id,
        aiInvolvement: 'assisted',
        sources: [{ agency: 'Meridian News Agency', itemId: 'MNA-T-1', version: 1 }],
      },
      { actor: testActor(), now: '2026-11-20T04:30:00.000Z' },
      { publish: { via: 'desk', reviewed: true }, textBy: 'person' },
    );
    indian = await editArticle(
      store.db,
      indian.id,
      { standfirst: 'A new seasonal forecast reached farmers weeks early.' },
      { actor: testActor('test'), now: '2026-11-21T10:15:00.000Z' },
      { textBy: 'person' },
    );
    generated = await createArticle(
      store.db,
      {
        kind: 'news',
        headline: 'Port Traffic Rises for Third Month',
        body: '<p>Traffic rose.</p>',
        edition: 'global',
        countries: ['KE'],
        sectors: ['transport'],
        aiInvolvement: 'generated',
        byline: { desk: 'Wire Desk' },
        sources: [
          { agency: 'Equator Press Service', itemId: 'EPS-1', version: 1 },
          { agency: 'Continental Wire', itemId: 'CW-9', version: 2 },
        ],
      },
      { actor: testActor('wire') },
      { publish: { via: 'desk', reviewed: false }, textBy: 'machine' },
    );
  });
  after(() => app.close());

  it('serves the article at its canonical URL with the anatomy in order', async () => {
    const res = await app.inject(articlePath(indian));
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.equal((html.match(/<h1[\s>]/g) ?? []).length, 1, 'exactly one h1');
    const text = textOf(html);
    const order = [
      'Monsoon Forecast Helps Farmers Plan Sowing',
      'weeks early',
      'News Desk | New Delhi | Updated: 21-11-2026 15:45 IST | Created: 20-11-2026 10:00 IST',
      'AI-generated illustration: not a photograph of a real event or place.',
      'Country: India',
      'The forecast arrived in May.',
      '(With inputs from agencies.)',
      'Trending',
      'Opinion / Blog / Interview',
      'Shots',
      'Latest News',
      'Related stories',
    ];
    let at = 0;
    for (const piece of order) {
      const found = text.indexOf(piece, at);
      assert.ok(found >= 0, `"${piece}" missing or out of order`);
      at = found;
    }
    assert.match(html, /<figure class="hero synthetic"><img [^>]*fetchpriority="high"/);
    assert.match(html, /srcset="\/media\/320\/[^"]+\.webp 320w/);
    assert.match(html, /<a href="\/country\/india" rel="tag">India<\/a>/);
    // AI help is always said, reviewed or not.
    assert.match(
      html,
      /class="ai-note"[^>]*>This article was rewritten with the help of AI from copy by Meridian News Agency and edited by our staff; it was reviewed by our staff before publication\./,
    );
  });

  it('names the agencies and discloses unreviewed AI copy', async () => {
    const html = (await app.inject(articlePath(generated))).body;
    assert.match(html, /<p class="sources">\(With inputs from agencies\.\)<\/p>/);
    assert.match(
      html,
      /class="ai-note"[^>]*>This article was rewritten with AI from copy by Equator Press Service and Continental Wire and not edited by our staff; it was not reviewed by our staff\./,
    );
  });

  it('carries NewsArticle JSON-LD, Open Graph and a canonical link', async () => {
    const html = (await app.inject(articlePath(indian))).body;
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, 'Monsoon Forecast Helps Farmers Plan Sowing');
    assert.equal(ld.datePublished, '2026-11-20T04:30:00.000Z');
    assert.equal(ld.dateModified, '2026-11-21T10:15:00.000Z');
    assert.deepEqual(
      ld.image.map((i: { width: number; height: number }) => `${i.width}x${i.height}`),
      ['1200x675', '1200x900', '1200x1200'],
    );
    assert.equal(ld.image[0].digitalSourceType, 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia');
    assert.deepEqual(
      ld.contentLocation.map((c: { name: string }) => c.name),
      ['India'],
    );
    assert.match(html, new RegExp(`<link rel="canonical" href="https://news.example.org${articlePath(indian)}"/>`));
    assert.match(html, /<meta property="og:type" content="article"\/>/);
    assert.match(html, /max-image-preview:large/);
  });

  it('redirects a wrong or missing slug to the canonical URL with 301', async () => {
    for (const url of [`/article/${indian.id}`, `/article/${indian.id}-old-headline`]) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, articlePath(indian));
    }
  });

  it('serves an article whose slug is as long as the editor allows (120 characters)', async () => {
    const slug = `${'a-long-slug-'.repeat(10)}`.slice(0, 120).replace(/-+$/, '');
    const long = await createArticle(store.db, { kind: 'news', headline: 'A Story With A Long Address', slug }, { actor: testActor() }, { publish: {} });
    assert.equal(long.slug, slug);
    const res = await app.inject(articlePath(long));
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /A Story With A Long Address/);
  });

  it('answers 410 for an unpublished article and 404 for an unknown or draft one', async () => {
    const gone = await createArticle(store.db, { kind: 'news', headline: 'Soon Gone' }, { actor: testActor() }, { publish: {} });
    await unpublishArticle(store.db, gone.id, { actor: testActor('t') });
    assert.equal((await app.inject(articlePath(gone))).statusCode, 410);
    assert.equal((await app.inject('/article/99999999-nothing')).statusCode, 404);
    assert.equal((await app.inject('/article/abc')).statusCode, 404);
    const draft = await createArticle(store.db, { kind: 'news', headline: 'Not Yet' }, { actor: testActor() });
    assert.equal((await app.inject(articlePath(draft))).statusCode, 404);
  });

  it('shows the front page blocks and each edition front page', async () => {
    const text = textOf((await app.inject('/')).body);
    for (const block of [
      'Latest News',
      'Trending',
      'Opinion / Blog / Interview',
      'Shots',
      'Agriculture &amp; Forestry',
      'Connect us on',
      'SECTORS',
      'EDITIONS',
      'OTHER LINKS',
      'OTHER PRODUCTS',
      'CONNECT',
    ]) {
      assert.ok(text.includes(block), block);
    }
    assert.match(text, new RegExp(`© ${new Date().getUTCFullYear()}`));
    const southAsia = await app.inject('/edition/south-asia');
    assert.equal(southAsia.statusCode, 200);
    assert.match(southAsia.body, /South Asia edition/);
    assert.equal((await app.inject('/edition/atlantis')).statusCode, 404);
    assert.equal((await app.inject('/edition/global')).statusCode, 301);
  });

  it('opens the menu without JavaScript: a details element with sections, sectors, editions, countries and search', async () => {
    const html = (await app.inject('/')).body;
    const menu = /<details class="menu">([\s\S]*?)<\/details>/.exec(html)![1]!;
    assert.match(menu, /<summary>Menu<\/summary>/);
    for (const label of ['Sections', 'Sectors', 'Editions', 'Countries']) assert.match(menu, new RegExp(`<nav aria-label="${label}">`));
    assert.match(menu, /role="search"/);
    assert.match(menu, /href="\/country\/india"/);
  });

  it('puts a search box and every sector in the header, and the menu lists the busiest countries and links to all', async () => {
    const html = (await app.inject('/')).body;
    const header = /<header class="site-header">([\s\S]*?)<\/header>/.exec(html)![1]!;
    assert.match(
      header,
      /<form action="\/search" method="get" role="search" aria-label="Search the site" class="header-search"><label for="header-q" class="visually-hidden">\s*Search\s*<\/label><input id="header-q" type="search" name="q"/,
    );
    const bar = /<nav class="sector-bar" aria-label="Sector bar">([\s\S]*?)<\/nav>/.exec(header)![1]!;
    const sectors = (await store.db.selectFrom('sectors').select('slug').orderBy('position').execute()).map((r) => `/sector/${r.slug}`);
    assert.deepEqual(
      [...bar.matchAll(/href="([^"]+)"/g)].map((m) => m[1]),
      sectors,
      'every sector, in order',
    );

    const menu = /<nav aria-label="Countries">([\s\S]*?)<\/nav>/.exec(html)![1]!;
    const listed = [...menu.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(listed.at(-1), '/countries');
    assert.ok(listed.length - 1 <= 12, `${listed.length - 1} countries in the menu`);
    const all = await app.inject('/countries');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /<h1>Countries<\/h1>/);
    const inUse = (
      await store.db
        .selectFrom('article_countries')
        .innerJoin('countries', 'countries.code', 'article_countries.country_code')
        .select('countries.slug')
        .distinct()
        .where('listed_at', 'is not', null)
        .execute()
    ).map((r) => `/country/${r.slug}`);
    const main = /<main id="main">([\s\S]*?)<\/main>/.exec(all.body)![1]!;
    const onPage = [...main.matchAll(/<li><a href="(\/country\/[^"]+)"/g)].map((m) => m[1]!);
    assert.deepEqual([...onPage].sort(), [...inUse].sort(), 'every country with a published story, once');
    for (const href of listed.slice(0, -1)) assert.ok(onPage.includes(href), href);
  });

  it('keeps the demo front page under 800 elements (Lighthouse’s DOM budget), every edition’s too', async () => {
    for (const url of ['/', '/edition/south-asia', '/edition/west-africa']) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 200, url);
      const html = res.body.replace(/<script[\s\S]*?<\/script>/g, '<script>');
      const elements = (html.match(/<[a-z][a-z0-9-]*(?=[\s>/])/gi) ?? []).length;
      assert.ok(elements < 800, `${url}: ${elements} elements`);
    }
  });

  it('an article page speaks its own language when it is not its edition’s', async () => {
    const make = (headline: string, language: string) =>
      createArticle(
        store.db,
        { kind: 'news', headline, body: '<p>Text.</p>', language, edition: 'south-asia', countries: ['IN'], sectors: ['health'] },
        { actor: testActor(), now: '2026-01-05T00:00:00.000Z' },
        { publish: { via: 'desk', reviewed: true }, textBy: 'person' },
      );
    assert.match((await app.inject(articlePath(await make('Le Port Rouvre Ses Quais', 'fr')))).body, /^<!doctype html><html lang="fr">/);
    assert.match(
      (await app.inject(articlePath(await make('The Port Reopens Its Quays', 'en')))).body,
      /^<!doctype html><html lang="en-IN">/,
      'English in the en-IN edition keeps the edition’s locale',
    );
  });

  it('offers share links as plain links to each network, with no script from them', async () => {
    const html = (await app.inject(articlePath(indian))).body;
    const share = /<nav class="share" aria-label="Share this story">([\s\S]*?)<\/nav>/.exec(html)![1]!;
    const url = encodeURIComponent(`https://news.example.org${articlePath(indian)}`);
    const links = [...share.matchAll(/<a href="([^"]+)" rel="nofollow noopener">([^<]+)<\/a>/g)].map((m) => [m[2], m[1]!.replaceAll('&amp;', '&')]);
    assert.deepEqual(
      links.map((l) => l[0]),
      ['Email', 'WhatsApp', 'X', 'Facebook', 'LinkedIn', 'Bluesky'],
    );
    for (const [label, href] of links)
      assert.ok(
        href!.includes(url) || href!.includes(encodeURIComponent(`https://news.example.org${articlePath(indian)}`)),
        `${label} carries the article address`,
      );
    assert.match(links[0]![1]!, /^mailto:\?subject=Monsoon%20Forecast%20Helps%20Farmers%20Plan%20Sowing&body=/);
    assert.equal(links[3]![1], `https://www.facebook.com/sharer/sharer.php?u=${url}`);
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(
      scripts.every((src) => src.startsWith('/assets/')),
      `only our own scripts: ${scripts.join(', ')}`,
    );
  });

  it('pages through a listing with stable Older / Newer links', async () => {
    const first = await app.inject('/latest');
    assert.equal(first.statusCode, 200);
    const older = /href="(\/latest\?before=[^"]+)" rel="next"/.exec(first.body)?.[1];
    assert.ok(older, 'an Older stories link');
    const second = await app.inject(older.replaceAll('&amp;', '&'));
    assert.equal(second.statusCode, 200);
    const newer = /href="(\/latest\?after=[^"]+)" rel="prev"/.exec(second.body)?.[1];
    assert.ok(newer);
    const back = await app.inject(newer.replaceAll('&amp;', '&'));
    const headlines = (html: string) => [...html.matchAll(/<h2><a href="(\/article\/[^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(headlines(back.body), headlines(first.body));
    assert.equal((await app.inject('/latest?before=garbage')).statusCode, 200);
  });

  it('serves sector, country, kind and edition listings, and 404 for unknown ones', async () => {
    for (const url of ['/sector/health', '/country/india', '/country/north-korea', '/opinion', '/blog', '/interview', '/shots', '/edition/south-asia/latest']) {
      assert.equal((await app.inject(url)).statusCode, 200, url);
    }
    assert.match((await app.inject('/country/india')).body, /Monsoon Forecast Helps Farmers/);
    for (const url of ['/sector/astrology', '/country/atlantis', '/edition/atlantis/latest']) assert.equal((await app.inject(url)).statusCode, 404, url);
  });

  it('shows shots with at most 60 words', async () => {
    const html = (await app.inject('/shots')).body;
    const standfirsts = [...html.matchAll(/<p class="standfirst">([^<]*)<\/p>/g)].map((m) => m[1]!);
    assert.ok(standfirsts.length > 0);
    for (const s of standfirsts) assert.ok(s.split(/\s+/).length <= 60);
  });

  it('serves static pages and the feedback and newsletter forms', async () => {
    assert.match((await app.inject('/page/about')).body, /<h1>About us<\/h1>/);
    assert.equal((await app.inject('/page/nope')).statusCode, 404);
    assert.match((await app.inject('/feedback')).body, /<form method="post" action="\/feedback"/);
    assert.match((await app.inject('/newsletter')).body, /<form method="post" action="\/newsletter" class="stack"/);
  });

  it('answers unknown addresses with a styled 404 page, never a stack trace', async () => {
    const res = await app.inject('/no/such/page');
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /Page not found/);
    assert.match(res.body, /class="site-footer"/);
  });

  it('ranks Trending by decayed views, per edition with a site-wide fallback, with the country', async () => {
    const now = new Date();
    await addViews(store.db, [
      { articleId: indian.id, at: now, views: 100_000 },
      { articleId: generated.id, at: new Date(now.getTime() - 48 * 3_600_000), views: 100_000 },
    ]);
    await app.sideBlocks.refreshAll(); // what its 30-second cadence does
    const text = textOf((await app.inject('/edition/south-asia')).body);
    const trending = text.slice(text.indexOf('Trending'));
    assert.match(trending, /^Trending 1? ?Monsoon Forecast Helps Farmers Plan Sowing India/);
  });

  it('sends caching headers, ETags and 304s, and compresses', async () => {
    const res = await app.inject({ url: '/page/about', headers: { 'accept-encoding': 'br' } });
    assert.equal(res.headers['cache-control'], 'public, max-age=60, stale-while-revalidate=600, s-maxage=300, stale-if-error=86400');
    assert.equal(res.headers['content-encoding'], 'br');
    const etag = res.headers.etag as string;
    assert.match(etag, /^W\/"/);
    const again = await app.inject({ url: '/page/about', headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.match(res.headers['content-security-policy'] as string, /script-src 'self'/);
    const lastModified = res.headers['last-modified'] as string;
    assert.ok(lastModified);
    assert.equal((await app.inject({ url: '/page/about', headers: { 'if-modified-since': lastModified } })).statusCode, 304);
    assert.equal((await app.inject({ url: '/page/about', headers: { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' } })).statusCode, 200);
    const plain = (await app.inject('/page/about')).body;
    assert.match(plain, /<link rel="alternate" type="application\/rss\+xml"[^>]*href="https:\/\/news.example.org\/rss.xml"/);
    const css = /href="(\/assets\/site\.[0-9a-f]{10}\.css)"/.exec((await app.inject('/')).body)![1]!;
    const asset = await app.inject(css);
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('makes responsive WebP images from the original, with the IPTC source type in XMP', async () => {
    const a = (await getArticle(store.db, indian.id))!;
    const res = await app.inject(`/media/320/${a.hero!.file}.webp`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'image/webp');
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    const sharp = (await import('sharp')).default;
    const meta = await sharp(res.rawPayload).metadata();
    assert.equal(meta.format, 'webp');
    assert.equal(meta.width, 320);
    assert.match(meta.xmp!.toString(), /digitalsourcetype\/trainedAlgorithmicMedia/);
    const crop = await app.inject(`/media/1200x1200/${a.hero!.file}.webp`);
    assert.equal(crop.statusCode, 200);
    const square = await sharp(crop.rawPayload).metadata();
    assert.deepEqual([square.width, square.height], [1200, 1200]);
    assert.equal((await app.inject(`/media/333/${a.hero!.file}.webp`)).statusCode, 404);
    assert.equal((await app.inject(`/media/1200x1201/${a.hero!.file}.webp`)).statusCode, 404);
    assert.equal((await app.inject('/media/320/../../etc/passwd.webp')).statusCode, 404);
    assert.equal((await app.inject('/media/320/unknown.svg.webp')).statusCode, 404);
  });

  it('speaks each edition’s language: lang, og:locale, hreflang between the fronts, dated header, share image sizes', async () => {
    const front = (await app.inject('/edition/south-asia')).body;
    assert.match(front, /<html lang="en-IN">/);
    assert.match(front, /<meta property="og:locale" content="en_IN"\/>/);
    assert.match(front, /<link rel="alternate" hreflang="en-GB" href="https:\/\/news\.example\.org\/edition\/europe-central-asia"\/>/);
    assert.match(front, /<link rel="alternate" hreflang="x-default" href="https:\/\/news\.example\.org\/"\/>/);
    const langs = [...front.matchAll(/hreflang="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(langs).size, langs.length, 'each language once');
    assert.match(front, /<time datetime="\d{4}-\d{2}-\d{2}">/);
    assert.match(
      front,
      /<meta property="og:image" content="https:[^"]+\/media\/1200x675\/[^"]+"\/><meta property="og:image:width" content="1200"\/><meta property="og:image:height" content="675"\/>/,
    );
    assert.match(front, /<meta name="twitter:site" content="@wiredeskdemo"\/>/);
    assert.match(front, /<p class="address">Wiredesk Demo Media \(a fictional publisher\), 12 Example Street, Suite 4, Springfield 01234, Fictionland<\/p>/);
    const article = (await app.inject(articlePath(indian))).body;
    assert.match(article, /<html lang="en-IN">/);
    assert.match(article, /og:image:width" content="1200"/);
  });

  it('lets other sites show its images and assets, but not embed its pages; refers with the origin only', async () => {
    const a = (await getArticle(store.db, indian.id))!;
    for (const url of [`/media/640/${a.hero!.file}.webp`, `/media/1200x675/${a.hero!.file}.webp`, '/assets/favicon.svg']) {
      assert.equal((await app.inject(url)).headers['cross-origin-resource-policy'], 'cross-origin', url);
    }
    const page = await app.inject(articlePath(a));
    assert.equal(page.headers['cross-origin-resource-policy'], 'same-origin');
    assert.equal(page.headers['referrer-policy'], 'strict-origin-when-cross-origin');
  });
});

describeEachDatabase('public site when the database fails', (testDb) => {
  it('answers 500 without a stack trace', async () => {
    const store = await testDb.open();
    await seedDemo(store.db, { dataDir: testDb.dataDir });
    // Every read fails, as when the database goes away under a running site.
    const failing = new Proxy(store.db, {
      get: (t, p, r) =>
        p === 'selectFrom'
          ? () => {
              throw new Error('disk on fire');
            }
          : Reflect.get(t, p, r),
    });
    const broken = await testApp(testDb, { ...store, db: failing });
    for (const url of ['/', '/page/about', '/latest']) {
      const res = await broken.inject(url);
      assert.equal(res.statusCode, 500, url);
      assert.doesNotMatch(res.body, /disk on fire|at .*\.ts:\d+/);
    }
    await broken.close();
  });
});
