import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.js';
import { createViewCounter, type Read } from '../../src/audience/counter.js';
import { trendingScores } from '../../src/audience/reads.js';
import { loadConfig } from '../../src/config.js';
import { type Article } from '../../src/content/articles.js';
import { dialectOf, type DB, type Store } from '../../src/db/connect.js';
import { articlePath } from '../../src/presentation/urls.js';
import { describeEachDatabase, type TestDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { deskUser } from '../newsroom/desk.js';
import { unpublishArticle } from '../../src/content/lifecycle.js';
import { openSuite } from '../helpers/suite.js';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const MINUTE = 60_000;
const T0 = Date.parse('2026-11-29T12:10:00.000Z');

const read = (articleId: number | string, over: Partial<Read> = {}): Read => ({
  articleId,
  address: '198.51.100.7',
  userAgent: BROWSER,
  headers: {},
  newsroomUser: false,
  ...over,
});

/** Rows of article_views for these articles, as "id hour views". */
async function buckets(db: DB, ids: number[]): Promise<string[]> {
  const rows = await db
    .selectFrom('article_views')
    .select(['article_id', 'hour', 'views'])
    .where('article_id', 'in', ids)
    .orderBy('article_id')
    .orderBy('hour')
    .execute();
  return rows.map((r) => `${r.article_id} ${new Date(r.hour).toISOString()} ${Number(r.views)}`);
}

async function published(db: DB, n: number): Promise<Article[]> {
  const out: Article[] = [];
  for (let i = 0; i < n; i++) out.push(await addStory(db, {}, { now: '2026-11-28T00:00:00.000Z' }));
  return out;
}

describeEachDatabase('counting reads', (testDb) => {
  let store: Store;
  before(async () => {
    ({ store } = await openSuite(testDb));
  });

  describe('the counter', () => {
    it('counts a reader, but not bots, link previewers, prefetches, newsroom users, malformed ids or other sites', async () => {
      const [a, b] = await published(store.db, 2);
      const counter = createViewCounter(store.db, { now: () => T0 });
      assert.equal(counter.record(read(a!.id)), 'counted');
      const bots = [
        'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
        'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
        'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
        'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
        'curl/8.5.0',
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36',
        '',
        undefined,
      ];
      for (const userAgent of bots) assert.equal(counter.record(read(b!.id, { userAgent })), 'bot', String(userAgent));
      const prefetches = [
        { 'sec-purpose': 'prefetch' },
        { 'sec-purpose': 'prefetch;prerender' },
        { purpose: 'prefetch' },
        { 'x-moz': 'prefetch' },
        { 'x-purpose': 'preview' },
      ];
      for (const headers of prefetches) assert.equal(counter.record(read(b!.id, { headers })), 'prefetch', JSON.stringify(headers));
      assert.equal(counter.record(read(b!.id, { newsroomUser: true })), 'newsroom');
      for (const id of ['abc', '0', '-1', '1e3', '12345678901234', '']) assert.equal(counter.record(read(id)), 'invalid', id);
      assert.equal(counter.record(read(b!.id, { headers: { 'sec-fetch-site': 'cross-site' } })), 'invalid');
      // None of that used up the reader's read of b.
      assert.equal(counter.record(read(b!.id, { headers: { 'sec-fetch-site': 'same-origin' } })), 'counted');
      const stats = counter.stats();
      assert.deepEqual(
        [stats.accepted, stats.bots, stats.prefetches, stats.newsroom, stats.invalid, stats.duplicates, stats.pending],
        [2, bots.length, prefetches.length, 1, 7, 0, 2],
      );
    });

    it('a repeat by the same visitor within 30 minutes is not counted; after 30 minutes it is', async () => {
      const [a, b] = await published(store.db, 2);
      let now = T0;
      const counter = createViewCounter(store.db, { now: () => now });
      assert.equal(counter.record(read(a!.id)), 'counted');
      now = T0 + 30 * MINUTE - 1;
      assert.equal(counter.record(read(a!.id)), 'duplicate');
      assert.equal(counter.record(read(b!.id)), 'counted', 'another article');
      assert.equal(counter.record(read(a!.id, { address: '198.51.100.8' })), 'counted', 'another address');
      assert.equal(counter.record(read(a!.id, { userAgent: BROWSER.replace('140', '141') })), 'counted', 'another browser');
      now = T0 + 30 * MINUTE;
      assert.equal(counter.record(read(a!.id)), 'counted');
      now = T0 + 45 * MINUTE;
      assert.equal(counter.record(read(a!.id)), 'duplicate', 'a new 30 minutes from the last counted read');
      assert.equal(counter.stats().duplicates, 2);
    });

    it("a repeat just after midnight UTC is still a repeat, though the day's salt changed", async () => {
      const [a] = await published(store.db, 1);
      let now = Date.parse('2026-11-29T23:50:00.000Z');
      const counter = createViewCounter(store.db, { now: () => now });
      assert.equal(counter.record(read(a!.id)), 'counted');
      now = Date.parse('2026-11-30T00:05:00.000Z');
      assert.equal(counter.record(read(a!.id)), 'duplicate');
      now = Date.parse('2026-11-30T00:20:00.000Z');
      assert.equal(counter.record(read(a!.id)), 'counted');
    });

    it('writes the reads into the hourly buckets Trending reads; unknown and unpublished articles are not written', async () => {
      const [a, b] = await published(store.db, 2);
      const draft = await addStory(store.db, {}, { status: 'draft' });
      const gone = await addStory(store.db, {});
      await unpublishArticle(store.db, gone.id, { actor: testActor('t') });
      let now = Date.parse('2026-11-29T10:10:00.000Z');
      const counter = createViewCounter(store.db, { now: () => now });
      for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) assert.equal(counter.record(read(a!.id, { address })), 'counted');
      now = Date.parse('2026-11-29T12:20:00.000Z');
      for (const address of ['10.0.0.1', '10.0.0.4']) counter.record(read(a!.id, { address }));
      counter.record(read(b!.id));
      for (const id of [draft.id, gone.id, 999_999_999]) assert.equal(counter.record(read(id)), 'counted', 'known only when written');
      assert.equal(await counter.flush(), 6);
      assert.deepEqual(await buckets(store.db, [a!.id, b!.id, draft.id, gone.id, 999_999_999]), [
        `${a!.id} 2026-11-29T10:00:00.000Z 3`,
        `${a!.id} 2026-11-29T12:00:00.000Z 2`,
        `${b!.id} 2026-11-29T12:00:00.000Z 1`,
      ]);
      const stats = counter.stats();
      assert.deepEqual([stats.accepted, stats.flushed, stats.unknown, stats.pending], [9, 6, 3, 0]);
      assert.ok(stats.lastFlushAt);

      const at = new Date('2026-11-29T12:30:00.000Z');
      const scores = new Map((await trendingScores(store.db, { now: at, halfLifeHours: 6, limit: 100 })).map((s) => [s.articleId, s.score]));
      const expected = 3 * 2 ** (-2.5 / 6) + 2 * 2 ** (-0.5 / 6);
      assert.ok(Math.abs(scores.get(a!.id)! - expected) < 0.001, `${scores.get(a!.id)} ≈ ${expected}`);
      assert.ok(Math.abs(scores.get(b!.id)! - 2 ** (-0.5 / 6)) < 0.001);

      // Another process's counter adds to the same bucket.
      const other = createViewCounter(store.db, { now: () => Date.parse('2026-11-29T12:40:00.000Z') });
      other.record(read(a!.id));
      assert.equal(await other.flush(), 1);
      assert.deepEqual((await buckets(store.db, [a!.id])).at(-1), `${a!.id} 2026-11-29T12:00:00.000Z 3`);
      assert.equal(await counter.flush(), 0, 'nothing left to write');
    });

    it('when the buffer is full, further reads are dropped and counted as dropped', async () => {
      const [a] = await published(store.db, 1);
      const counter = createViewCounter(store.db, { now: () => T0, maxPending: 3 });
      for (const address of ['10.1.0.1', '10.1.0.2', '10.1.0.3']) assert.equal(counter.record(read(a!.id, { address })), 'counted');
      assert.equal(counter.record(read(a!.id, { address: '10.1.0.4' })), 'dropped');
      assert.equal(counter.record(read(a!.id, { address: '10.1.0.5' })), 'dropped');
      assert.equal(counter.record(read(a!.id, { address: '10.1.0.1' })), 'duplicate', 'a repeat is still a repeat');
      assert.deepEqual([counter.stats().dropped, counter.stats().pending], [2, 3]);
      assert.equal(await counter.flush(), 3);
      // A dropped reader was not remembered: once there is room, their next read counts.
      assert.equal(counter.record(read(a!.id, { address: '10.1.0.4' })), 'counted');
      assert.deepEqual([counter.stats().accepted, counter.stats().dropped, counter.stats().flushed, counter.stats().pending], [4, 2, 3, 1]);
    });

    it('a failed write keeps the reads pending, within the bound', async () => {
      const closed = await testDb.open();
      await closed.close();
      const counter = createViewCounter(closed.db, { now: () => T0, maxPending: 2 });
      counter.record(read(1, { address: '10.2.0.1' }));
      counter.record(read(1, { address: '10.2.0.2' }));
      await assert.rejects(counter.flush());
      assert.equal(counter.record(read(1, { address: '10.2.0.3' })), 'dropped');
      const stats = counter.stats();
      assert.deepEqual([stats.pending, stats.flushErrors, stats.flushed, stats.dropped], [2, 1, 0, 1]);
    });
  });

  describe('the endpoints', () => {
    let app: FastifyInstance;
    let now = T0;
    let articles: Article[];
    before(async () => {
      articles = await published(store.db, 6);
      app = await appWith(testDb, store, () => now);
    });
    after(() => app.close());

    const beacon = (body: string, headers: Record<string, string> = {}, remoteAddress = '192.0.2.10'): InjectOptions => ({
      method: 'POST',
      url: '/api/v1/views',
      payload: body,
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER, ...headers },
      remoteAddress,
    });
    const delta = async (fn: () => Promise<void>) => {
      const before = app.viewCounter.stats();
      await fn();
      const after = app.viewCounter.stats();
      return Object.fromEntries(
        (['accepted', 'duplicates', 'bots', 'prefetches', 'newsroom', 'invalid', 'dropped'] as const).flatMap((k) =>
          after[k] !== before[k] ? [[k, after[k] - before[k]]] : [],
        ),
      );
    };

    it('the beacon answers 204 with nothing to cache and no cookie, and counts a reader once', async () => {
      const id = String(articles[0]!.id);
      const counts = await delta(async () => {
        const res = await app.inject(beacon(id));
        assert.equal(res.statusCode, 204);
        assert.equal(res.body, '');
        assert.equal(res.headers['cache-control'], 'no-store');
        assert.equal(res.headers['set-cookie'], undefined);
        assert.equal((await app.inject(beacon(id))).statusCode, 204);
        // A tiny JSON body works too.
        assert.equal(
          (await app.inject({ ...beacon(JSON.stringify({ id: articles[1]!.id })), headers: { 'content-type': 'application/json', 'user-agent': BROWSER } }))
            .statusCode,
          204,
        );
      });
      assert.deepEqual(counts, { accepted: 2, duplicates: 1 });
    });

    it('bots, prefetches and newsroom users get the same answer and are not counted', async () => {
      const id = String(articles[2]!.id);
      const { cookie } = await (await deskUser(store.db, 'editor')).session();
      const counts = await delta(async () => {
        for (const options of [
          beacon(id, { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' }),
          beacon(id, { 'sec-purpose': 'prefetch' }),
          beacon(id, { purpose: 'prefetch' }),
          beacon(id, { 'x-moz': 'prefetch' }),
          beacon(id, { cookie }),
          beacon(id, { 'sec-fetch-site': 'cross-site' }),
        ]) {
          assert.equal((await app.inject(options)).statusCode, 204);
        }
      });
      assert.deepEqual(counts, { bots: 1, prefetches: 3, newsroom: 1, invalid: 1 });
      assert.deepEqual(await delta(async () => void (await app.inject(beacon(id)))), { accepted: 1 }, 'the reader still counts');
    });

    it('refuses a beacon body larger than an article id needs', async () => {
      const counts = await delta(async () => {
        assert.equal((await app.inject(beacon(`${articles[3]!.id}${' '.repeat(100)}`))).statusCode, 413);
      });
      assert.deepEqual(counts, {});
    });

    it('the <noscript> pixel counts a reader and is never cached', async () => {
      const url = `/api/v1/views/${articles[3]!.id}.gif`;
      const counts = await delta(async () => {
        const res = await app.inject({ url, headers: { 'user-agent': BROWSER }, remoteAddress: '192.0.2.11' });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'image/gif');
        assert.equal(res.headers['cache-control'], 'no-store');
        assert.equal(res.headers['set-cookie'], undefined);
        assert.equal(res.rawPayload.subarray(0, 6).toString(), 'GIF89a');
        assert.equal(
          (await app.inject({ method: 'HEAD', url, headers: { 'user-agent': BROWSER }, remoteAddress: '192.0.2.12' })).statusCode,
          404,
          'HEAD is no read',
        );
        assert.equal((await app.inject({ url: '/api/v1/views/abc.gif', headers: { 'user-agent': BROWSER } })).statusCode, 404);
        assert.equal((await app.inject({ url, headers: { 'user-agent': 'Mozilla/5.0 (compatible; bingbot/2.0)' } })).statusCode, 200);
      });
      assert.deepEqual(counts, { accepted: 1, bots: 1 });
    });

    it('the article page carries the deferred script and the <noscript> pixel, and the CSP allows no inline script', async () => {
      const article = articles[4]!;
      const res = await app.inject(articlePath(article));
      assert.equal(res.statusCode, 200);
      const html = res.body;
      const tag = new RegExp(`<script src="(/assets/count\\.[0-9a-f]{10}\\.js)" defer data-article="${article.id}" data-to="/api/v1/views"></script>`).exec(
        html,
      );
      assert.ok(tag, 'the deferred beacon script');
      assert.ok(html.indexOf(tag[0]) < html.indexOf('</head>'), 'in the head');
      assert.match(html, new RegExp(`<noscript><img class="pixel" src="/api/v1/views/${article.id}\\.gif" alt="" width="1" height="1"/?></noscript>`));
      // Every script is either a file of our own or JSON-LD data; none is inline code.
      for (const [script] of html.matchAll(/<script\b[^>]*>/g)) assert.match(script, /^<script (src="\/assets\/[^"]+"|type="application\/ld\+json")/, script);
      const csp = res.headers['content-security-policy'] as string;
      const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1]?.trim();
      assert.equal(scriptSrc, "'self'");
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.doesNotMatch(csp, /connect-src/, "sendBeacon falls back to default-src 'self'");

      const asset = await app.inject(tag[1]!);
      assert.equal(asset.statusCode, 200);
      assert.match(asset.headers['content-type'] as string, /^text\/javascript/);
      assert.match(asset.headers['cache-control'] as string, /immutable/);
      assert.ok(asset.rawPayload.length < 1024, `${asset.rawPayload.length} bytes`);
      assert.match(asset.body, /sendBeacon/);
    });

    it('other pages and the newsroom preview carry neither', async () => {
      const editor = await (await deskUser(store.db, 'editor')).session();
      for (const [url, cookie] of [
        ['/', ''],
        ['/latest', ''],
        [`/newsroom/articles/${articles[4]!.id}/preview`, editor.cookie],
      ] as const) {
        const res = await app.inject({ url, headers: cookie ? { cookie } : {} });
        assert.equal(res.statusCode, 200, url);
        assert.doesNotMatch(res.body, /count\.[0-9a-f]{10}\.js|\/api\/v1\/views/, url);
      }
    });

    it('stores no address and no user agent anywhere, only counts', async () => {
      const address = '203.0.113.77';
      const agent = `${BROWSER} ReaderMarker/7`;
      for (const a of articles.slice(0, 3)) {
        await app.inject(beacon(String(a.id), { 'user-agent': agent }, address));
        await app.inject({ url: `/api/v1/views/${articles[5]!.id}.gif`, headers: { 'user-agent': agent }, remoteAddress: address });
      }
      await app.viewCounter.flush();
      const stored = await everything(store.db);
      assert.ok(stored.includes('article_views'), 'the dump has the buckets');
      assert.ok((await buckets(store.db, [articles[5]!.id])).length === 1, 'the reads were written');
      assert.equal(stored.includes(address), false);
      assert.equal(stored.includes('ReaderMarker'), false);
    });

    it('/healthz shows the counts', async () => {
      const views = (await app.inject('/healthz')).json().views;
      const stats = app.viewCounter.stats();
      assert.ok(views.accepted >= 8);
      assert.deepEqual([views.accepted, views.bots, views.flushed], [stats.accepted, stats.bots, stats.flushed]);
    });

    it('closing the server writes the reads still buffered', async () => {
      const [a] = await published(store.db, 1);
      now = Date.parse('2026-11-29T15:05:00.000Z');
      const other = await appWith(testDb, store, () => now);
      for (const address of ['192.0.2.50', '192.0.2.51']) assert.equal((await other.inject(beacon(String(a!.id), {}, address))).statusCode, 204);
      assert.equal(other.viewCounter.stats().pending, 2);
      await other.close();
      assert.deepEqual(await buckets(store.db, [a!.id]), [`${a!.id} 2026-11-29T15:00:00.000Z 2`]);
    });
  });
});

/** The app over the test database with a clock of the test's, writing only when asked (or at close). */
async function appWith(testDb: TestDatabase, store: Store, now: () => number): Promise<FastifyInstance> {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', SITE_URL: 'https://news.example.org' }), database: testDb.target, dataDir: testDb.dataDir };
  return buildApp({ config, store: { ...store, close: async () => {} }, viewCounter: { now, flushIntervalMs: 3_600_000 } });
}

/** Every row of every table, as text. */
async function everything(db: DB): Promise<string> {
  const tables =
    dialectOf(db) === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db)).rows.map((r) => r.name);
  let out = '';
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    out += `${table}\n${JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : typeof v === 'bigint' ? String(v) : v))}\n`;
  }
  return out;
}
