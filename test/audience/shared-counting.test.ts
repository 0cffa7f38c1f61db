import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/app.js';
import { createViewCounter, type Read } from '../../src/audience/counter.js';
import { recentReadCount } from '../../src/audience/read-memory.js';
import { loadConfig } from '../../src/config.js';
import type { Article } from '../../src/content/articles.js';
import type { DB, Store } from '../../src/db/connect.js';
import { describeEachDatabase, type TestDatabase } from '../helpers/databases.js';
import { addStory, smallTaxonomy } from '../helpers/fixtures.js';

/*
 * Several processes count reads over one database (on PostgreSQL two handles with pools of
 * their own, as two processes have; on SQLite two handles on one file): they share the day's
 * salt and the 30-minute window, so a reader is counted once whichever process they reach.
 * Every clock here is the test's.
 */

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const MINUTE = 60_000;
const T0 = Date.parse('2026-11-29T12:10:00.000Z');

const read = (articleId: number, address = '198.51.100.20'): Read => ({ articleId, address, userAgent: BROWSER, headers: {}, newsroomUser: false });

async function viewsOf(db: DB, id: number): Promise<number> {
  const rows = await db.selectFrom('article_views').select('views').where('article_id', '=', id).execute();
  return rows.reduce((n, r) => n + Number(r.views), 0);
}

const salts = async (db: DB) => (await db.selectFrom('read_salts').select(['day', 'salt']).orderBy('day').execute()).map((r) => `${r.day} ${r.salt}`);

describeEachDatabase('counting reads across processes', (testDb) => {
  let a: Store;
  let b: Store;
  let story: () => Promise<Article>;
  before(async () => {
    a = await testDb.open();
    b = await testDb.open();
    await smallTaxonomy(a.db);
    story = () => addStory(a.db, {}, { now: '2026-11-28T00:00:00.000Z' });
  });

  it("two counters given the same reader's read count it once; 30 minutes later, again", async () => {
    const article = await story();
    let now = T0;
    const one = createViewCounter(a.db, { now: () => now });
    const two = createViewCounter(b.db, { now: () => now });
    await Promise.all([one.ready(), two.ready()]);
    assert.equal(one.record(read(article.id)), 'counted');
    now = T0 + 5 * MINUTE;
    assert.equal(two.record(read(article.id)), 'counted', 'the second process cannot know yet; its write decides');
    assert.equal(two.record(read(article.id)), 'duplicate', 'its own memory still filters at once');
    assert.deepEqual([await one.flush(), await two.flush()], [1, 0]);
    assert.equal(await viewsOf(a.db, article.id), 1);
    assert.deepEqual([two.stats().accepted, two.stats().duplicates, two.stats().flushed, two.stats().pending], [1, 2, 0, 0]);

    // 30 minutes after the counted read, whichever process it reaches counts it again.
    now = T0 + 30 * MINUTE;
    assert.equal(two.record(read(article.id)), 'counted');
    assert.equal(await two.flush(), 1);
    now = T0 + 31 * MINUTE;
    assert.equal(one.record(read(article.id)), 'counted');
    assert.equal(await one.flush(), 0, 'within 30 minutes of the read counted by the other');
    assert.equal(await viewsOf(a.db, article.id), 2);
  });

  // On SQLite two handles in one process cannot write at once (the driver waits synchronously
  // for the file's lock), and one process is the supported mode anyway.
  it('writing at the same moment, the two count a reader once', { skip: testDb.kind === 'sqlite' && 'PostgreSQL only' }, async () => {
    const articles = await Promise.all([story(), story(), story()]);
    const one = createViewCounter(a.db, { now: () => T0 });
    const two = createViewCounter(b.db, { now: () => T0 });
    for (const counter of [one, two]) for (const x of articles) for (const address of ['10.9.0.1', '10.9.0.2']) counter.record(read(x.id, address));
    const [x, y] = await Promise.all([one.flush(), two.flush()]);
    assert.equal(x + y, 6);
    for (const article of articles) assert.equal(await viewsOf(a.db, article.id), 2);
  });

  it('reads that waited in one counter are decided in their order; without a salt at hand they are hashed when written', async () => {
    const article = await story();
    let now = T0;
    // Not made ready: the first reads wait unhashed for the write.
    const one = createViewCounter(a.db, { now: () => now, maxVisitors: 1 });
    assert.equal(one.record(read(article.id)), 'counted');
    now = T0 + MINUTE;
    // Its own memory has forgotten the reader (it holds one pair), so only the database can tell.
    assert.equal(one.record(read(article.id, '10.8.0.1')), 'counted');
    assert.equal(one.record(read(article.id)), 'counted');
    now = T0 + 40 * MINUTE;
    one.record(read(article.id, '10.8.0.2'));
    assert.equal(one.record(read(article.id)), 'counted');
    assert.equal(await one.flush(), 4, 'the repeat at +1 min is not counted; the read at +40 min is');
    assert.equal(one.stats().duplicates, 1);
  });

  it('a new UTC day has a new salt, so hashes differ between days; a salt is kept two days at most', async () => {
    const article = await story();
    let now = Date.parse('2026-12-10T09:00:00.000Z');
    const one = createViewCounter(a.db, { now: () => now });
    const two = createViewCounter(b.db, { now: () => now });
    await one.ready();
    const day1 = (await salts(a.db)).find((s) => s.startsWith('2026-12-10'));
    assert.ok(day1);
    await two.ready();
    assert.deepEqual(
      (await salts(a.db)).filter((s) => s.startsWith('2026-12-10')),
      [day1],
      'the second process took the same salt',
    );
    one.record(read(article.id, '10.7.0.1'));
    await one.flush();
    const hashes = async () => (await a.db.selectFrom('recent_reads').select('visitor').where('article_id', '=', article.id).execute()).map((r) => r.visitor);
    const first = await hashes();

    now = Date.parse('2026-12-11T09:00:00.000Z');
    two.record(read(article.id, '10.7.0.1'));
    assert.equal(await two.flush(), 1);
    // (Yesterday's pair was purged on the way: it had expired.)
    const second = await hashes();
    assert.equal(first.length, 1);
    assert.equal(second.length, 1);
    assert.notEqual(second[0], first[0], 'one reader, two unlinkable hashes');
    const day2 = (await salts(a.db)).find((s) => s.startsWith('2026-12-11'))!;
    assert.notEqual(day2.split(' ')[1], day1.split(' ')[1]);
    assert.ok((await salts(a.db)).includes(day1), "yesterday's stays for reads just after midnight");

    now = Date.parse('2026-12-12T00:01:00.000Z');
    await one.flush();
    const left = (await salts(a.db)).map((s) => s.slice(0, 10));
    assert.deepEqual(
      left.filter((d) => d >= '2026-12-10'),
      ['2026-12-11', '2026-12-12'],
      'the day before yesterday is gone',
    );
    assert.ok(left.every((d) => d >= '2026-12-11'));
  });

  it('a repeat just after midnight in another process is still a repeat', async () => {
    const article = await story();
    let now = Date.parse('2026-12-20T23:50:00.000Z');
    const one = createViewCounter(a.db, { now: () => now });
    const two = createViewCounter(b.db, { now: () => now });
    one.record(read(article.id, '10.6.0.1'));
    assert.equal(await one.flush(), 1);
    now = Date.parse('2026-12-21T00:05:00.000Z');
    await two.ready();
    two.record(read(article.id, '10.6.0.1'));
    assert.equal(await two.flush(), 0);
    now = Date.parse('2026-12-21T00:21:00.000Z');
    two.record(read(article.id, '10.6.0.1'));
    assert.equal(await two.flush(), 1);
  });

  it('pairs older than 30 minutes are purged', async () => {
    const article = await story();
    let now = Date.parse('2026-12-30T10:00:00.000Z');
    const one = createViewCounter(a.db, { now: () => now });
    for (const address of ['10.5.0.1', '10.5.0.2']) one.record(read(article.id, address));
    await one.flush();
    assert.ok((await recentReadCount(a.db)) >= 2);
    now += 31 * MINUTE;
    await one.flush();
    assert.equal(await recentReadCount(a.db), 0);
  });

  describe('two apps', () => {
    let apps: FastifyInstance[];
    let now = Date.parse('2026-12-31T08:00:00.000Z');
    before(async () => {
      apps = [await appWith(testDb, a, () => now), await appWith(testDb, b, () => now)];
    });
    after(async () => {
      for (const app of apps) await app.close();
    });

    it('a reader whose beacons reach both is counted once, and /healthz says so', async () => {
      const article = await story();
      const beacon: InjectOptions = {
        method: 'POST',
        url: '/api/v1/views',
        payload: String(article.id),
        headers: { 'content-type': 'text/plain', 'user-agent': BROWSER },
        remoteAddress: '192.0.2.99',
      };
      for (const app of apps) assert.equal((await app.inject(beacon)).statusCode, 204);
      for (const app of apps) await app.viewCounter.flush();
      assert.equal(await viewsOf(a.db, article.id), 1);
      const health = await Promise.all(apps.map(async (app) => (await app.inject('/healthz')).json().views));
      assert.deepEqual(health.map((v) => [v.accepted, v.flushed, v.duplicates]).sort(), [
        [1, 0, 1],
        [1, 1, 0],
      ]);
      now += 30 * MINUTE;
      assert.equal((await apps[1]!.inject(beacon)).statusCode, 204);
      for (const app of apps) await app.close();
      assert.equal(await viewsOf(a.db, article.id), 2, 'written at close');
    });
  });
});

async function appWith(testDb: TestDatabase, store: Store, now: () => number): Promise<FastifyInstance> {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', SITE_URL: 'https://news.example.org' }), database: testDb.target, dataDir: testDb.dataDir };
  return buildApp({ config, store: { ...store, close: async () => {} }, viewCounter: { now, flushIntervalMs: 3_600_000 } });
}
