import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { editArticle } from '../../src/content/lifecycle.js';
import { updateSiteSettings } from '../../src/content/settings.js';
import { saveEdition, saveSector } from '../../src/content/taxonomy.js';
import type { Store } from '../../src/db/connect.js';
import { articlePath } from '../../src/presentation/urls.js';
import { testApp } from '../helpers/app.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor, unpublishArticle } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

/** The journeys through the rendered-page cache: what a reader sees after the desk acts. */
describeEachDatabase('rendered-page cache', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  const stats = () => app.pageCache!.stats();
  /** A GET, and whether the cache answered it (a hit or a 304); a miss's copy is kept before it returns. */
  async function get(url: string, headers: Record<string, string> = {}) {
    const before = stats().hits + stats().notModified;
    const res = await app.inject({ url, headers });
    const cached = stats().hits + stats().notModified > before;
    await app.pageCache!.settled();
    return { res, cached };
  }
  /** Renders a page until it is kept (a render is not kept when what it shows changed meanwhile). */
  async function warm(url: string) {
    for (let i = 0; i < 3 && !app.pageCache!.has(url); i++) await get(url);
    assert.ok(app.pageCache!.has(url), `${url} is kept`);
  }

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    await saveEdition(store.db, { slug: 'europe', name: 'Europe', timeZone: 'Europe/Paris', locale: 'en-GB', tzAbbreviation: 'CET', position: 2 }, testActor());
    await saveSector(store.db, { slug: 'economy', name: 'Economy', position: 3 }, testActor());
    await addStory(
      store.db,
      { headline: 'Bank Opens Branches in Lyon', edition: 'europe', countries: ['FR'], sectors: ['economy'] },
      { now: '2026-11-01T00:00:00.000Z' },
    );
    await addStory(
      store.db,
      { headline: 'Clinic Opens in Pune', edition: 'south-asia', countries: ['IN'], sectors: ['health'] },
      { now: '2026-11-02T00:00:00.000Z' },
    );
    await app.changeListener.ready; // it drops everything once listening
  });

  it('answers a kept page from memory, with its surrogate keys, and never a page with a session', async () => {
    await warm('/sector/economy');
    const { res, cached } = await get('/sector/economy', { 'accept-encoding': 'br' });
    assert.ok(cached);
    assert.equal(res.headers['content-encoding'], 'br');
    const keys = String(res.headers['surrogate-key']).split(' ');
    assert.ok(keys.includes('site') && keys.includes('s-economy'), keys.join(' '));
    assert.ok(
      keys.some((k) => /^a\d+$/.test(k)),
      'the stories it links to',
    );
    assert.equal(res.headers['cache-tag'], keys.join(','));
    assert.match(String(res.headers['surrogate-control']), /max-age=300.*stale-if-error=86400/);
    // 304 from the cache for its ETag.
    const again = await get('/sector/economy', { 'if-none-match': String(res.headers.etag) });
    assert.equal(again.res.statusCode, 304);
    assert.ok(again.cached);
    // Signed in: neither served from the cache nor kept.
    const signedIn = await get('/sector/economy', { cookie: 'wd_session=abc' });
    assert.equal(signedIn.cached, false);
    assert.equal(signedIn.res.statusCode, 200);
    const signedInHttps = await get('/sector/economy', { cookie: 'theme=dark; __Host-wd_session=abc' });
    assert.equal(signedInHttps.cached, false, 'the https session cookie too');
  });

  it('publishing a health story in South Asia leaves the Economy page and the Europe edition cached, and shows at once where it belongs', async () => {
    await warm('/sector/economy');
    await warm('/edition/europe/latest');
    await warm('/sector/health');
    await warm('/');
    const story = await addStory(store.db, {
      headline: 'Vaccination Drive Reaches Remote Valleys',
      edition: 'south-asia',
      countries: ['IN'],
      sectors: ['health'],
    });
    assert.ok((await get('/sector/economy')).cached, 'Economy stays cached');
    assert.ok((await get('/edition/europe/latest')).cached, 'the Europe edition listing stays cached');
    const health = await get('/sector/health');
    assert.equal(health.cached, false);
    assert.match(health.res.body, /Vaccination Drive Reaches Remote Valleys/);
    const front = await get('/');
    assert.equal(front.cached, false);
    assert.match(front.res.body, /Vaccination Drive Reaches Remote Valleys/);
    assert.match((await get('/rss.xml')).res.body, /Vaccination Drive Reaches Remote Valleys/);
    // An edit of its headline reaches its page and the pages that list it.
    await warm(articlePath(story));
    await warm('/sector/health');
    const edited = await editArticle(
      store.db,
      story.id,
      { headline: 'Vaccination Drive Reaches 40 Remote Valleys' },
      { actor: testActor() },
      { textBy: 'person' },
    );
    assert.match((await get(articlePath(edited))).res.body, /Vaccination Drive Reaches 40 Remote Valleys/);
    assert.match((await get('/sector/health')).res.body, /Vaccination Drive Reaches 40 Remote Valleys/);
  });

  it('a story taken down leaves its page and every listing at once', async () => {
    const story = await addStory(store.db, { headline: 'Bridge Reopens After Repairs', edition: 'europe', countries: ['FR'], sectors: ['economy'] });
    await warm(articlePath(story));
    await warm('/sector/economy');
    await warm('/country/france');
    await unpublishArticle(store.db, story.id, { actor: testActor() });
    assert.equal((await get(articlePath(story))).res.statusCode, 410);
    assert.doesNotMatch((await get('/sector/economy')).res.body, /Bridge Reopens After Repairs/);
    assert.doesNotMatch((await get('/country/france')).res.body, /Bridge Reopens After Repairs/);
  });

  it('a settings change drops every page; /healthz reports the cache', async () => {
    await warm('/sector/economy');
    await updateSiteSettings(store.db, { siteName: 'The Renamed Gazette' }, testActor());
    const page = await get('/sector/economy');
    assert.equal(page.cached, false);
    assert.match(page.res.body, /The Renamed Gazette/);
    const health = (await app.inject('/healthz')).json() as { pageCache: Record<string, number | boolean> };
    assert.equal(health.pageCache.enabled, true);
    for (const field of ['entries', 'bytes', 'maxBytes', 'hits', 'misses', 'invalidations']) assert.equal(typeof health.pageCache[field], 'number', field);
    assert.ok((health.pageCache.hits as number) > 0);
  });

  it('a listening server answers hits before Fastify, with HEAD and 304', async () => {
    const server = await testApp(testDb, store);
    try {
      await server.changeListener.ready;
      await server.listen({ port: 0, host: '127.0.0.1' });
      const address = server.server.address() as { port: number };
      const url = `http://127.0.0.1:${address.port}/sector/health`;
      const first = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
      const firstBody = await first.text();
      await server.pageCache!.settled();
      const hitsBefore = server.pageCache!.stats().hits;
      const second = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(await second.text(), firstBody);
      assert.equal(second.headers.get('content-encoding'), 'gzip');
      assert.equal(server.pageCache!.stats().hits, hitsBefore + 1);
      const head = await fetch(url, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(await head.text(), '');
      const notModified = await fetch(url, { headers: { 'if-none-match': second.headers.get('etag')! } });
      assert.equal(notModified.status, 304);
      assert.match(String(second.headers.get('content-security-policy')), /script-src 'self'/);
    } finally {
      await server.close();
    }
  });

  it('CDN_PURGE makes a purger that every local change goes to, reported in /healthz', async () => {
    const withCdn = await testApp(testDb, store, {
      CDN_PURGE: 'fastly',
      FASTLY_SERVICE_ID: 'svc1',
      FASTLY_API_TOKEN: 'secret-token',
      FASTLY_API_URL: 'http://127.0.0.1:9',
    });
    try {
      assert.ok(withCdn.cdnPurger);
      const health = (await withCdn.inject('/healthz')).json() as { cdn: { name: string; purges: number } };
      assert.equal(health.cdn.name, withCdn.cdnPurger.name);
      assert.doesNotMatch(JSON.stringify(health), /secret-token/);
    } finally {
      await withCdn.close();
    }
  });

  it('renders a dropped page once for many readers arriving together (request collapsing)', async () => {
    const server = await testApp(testDb, store);
    try {
      await server.changeListener.ready;
      await server.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
      const before = server.pageCache!.stats();
      const pages = await Promise.all(
        Array.from({ length: 12 }, () => fetch(`${base}/sector/education`).then(async (r) => ({ status: r.status, body: await r.text() }))),
      );
      await server.pageCache!.settled();
      assert.ok(pages.every((p) => p.status === 200 && p.body === pages[0]!.body));
      const after = server.pageCache!.stats();
      assert.equal(after.stores - before.stores, 1, 'rendered and kept once');
      assert.ok(after.collapsed - before.collapsed >= 1, 'the others waited for it');
      // A page that is never kept is not waited for: /healthz answers every reader at once.
      const health = await Promise.all(Array.from({ length: 5 }, () => fetch(`${base}/healthz`).then((r) => r.status)));
      assert.deepEqual(health, [200, 200, 200, 200, 200]);
    } finally {
      await server.close();
    }
  });
});
