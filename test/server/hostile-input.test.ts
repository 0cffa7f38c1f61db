import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/app.js';
import { listFeedback } from '../../src/audience/feedback.js';
import { getArticle, type Article } from '../../src/content/articles.js';
import { decodeCursor, encodeCursor } from '../../src/content/cursor.js';
import { findPage } from '../../src/content/pages.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/db/connect.js';
import { findSubscriberByEmail } from '../../src/newsletter/subscribers.js';
import { zonedLocalToIso } from '../../src/util/time-zones.js';
import { articlePath } from '../../src/presentation/urls.js';
import { idFrom, isoTimeFrom, MAX_ID } from '../../src/util/bounds.js';
import { describeEachDatabase, type TestDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { deskUser, type DeskUser } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

/*
 * Issue 15, F8: input that PostgreSQL refuses (ids past its integer, years it has not, NUL bytes)
 * answered 500 on public and newsroom routes, and the API's 500 carried the database's text.
 * These walk the routes with such values on both databases: never a 5xx, always the same 4xx.
 */

const SITE = 'https://news.example.org';
/** Ids no row can have: past PostgreSQL's integer, far past it, not positive, not whole, not a number. */
const BAD_IDS = ['2147483648', '99999999999999999999', '-1', '0', '1e3', 'abc', '1.5', '999999999999'];
const b64 = (text: string) => Buffer.from(text).toString('base64url');
/** Cursors that are not ours: years 0000 and 10000, days that do not exist, ids out of range, garbage. */
const BAD_CURSORS = [
  b64('0000-01-01T00:00:00.000Z|1'),
  b64('+010000-01-01T00:00:00.000Z|1'),
  b64('2026-02-30T00:00:00.000Z|1'),
  b64('2026-11-01T24:00:00.000Z|1'),
  b64('2026-11-01T00:00:00.000Z|2147483648'),
  b64('2026-11-01T00:00:00.000Z|0'),
  b64('2026-11-01T00:00:00.000Z|99999999999999999999'),
  b64('2026-11-01T00:00:00.000Z|1|2'),
  'garbage!!',
  'AAAA',
];
/** Times outside 0001–9999 once in UTC, or that do not exist. */
const BAD_TIMES = [
  '0000-01-01T00:00:00Z',
  '0000-01-01',
  '0001-01-01T00:30:00+01:00',
  '9999-12-31T23:59:59-05:00',
  '2026-02-30T00:00:00Z',
  '2026-02-29',
  '2026-11-01T24:00:00Z',
  '2026-11-01T10:00:00+25:00',
];
const q = encodeURIComponent;

describe('the bounds', () => {
  it('ids are whole numbers from 1 to PostgreSQL integer’s largest', () => {
    for (const bad of [...BAD_IDS, '', ' 1', '01', '+1', '0x10', '2147483647.0']) assert.equal(idFrom(bad), null, bad);
    for (const bad of [0, -1, 1.5, MAX_ID + 1, Number.NaN, Infinity]) assert.equal(idFrom(bad), null, String(bad));
    assert.equal(idFrom('1'), 1);
    assert.equal(idFrom(String(MAX_ID)), MAX_ID);
    assert.equal(idFrom(MAX_ID), MAX_ID);
  });

  it('times are real instants in the years 0001 to 9999 (UTC), given as ISO 8601', () => {
    for (const bad of BAD_TIMES) assert.equal(isoTimeFrom(bad), null, bad);
    assert.equal(isoTimeFrom('0001-01-01T00:00:00Z'), '0001-01-01T00:00:00.000Z');
    assert.equal(isoTimeFrom('9999-12-31T23:59:59.999Z'), '9999-12-31T23:59:59.999Z');
    assert.equal(isoTimeFrom('2024-02-29'), '2024-02-29T00:00:00.000Z');
    assert.equal(isoTimeFrom('2026-11-01T05:33:00+05:30'), '2026-11-01T00:03:00.000Z');
  });

  it('a cursor holds a time and an id within those bounds, or it is not ours', () => {
    for (const bad of BAD_CURSORS) assert.equal(decodeCursor(bad), null, Buffer.from(bad, 'base64url').toString());
    const good = { at: '2026-11-01T00:00:00.000Z', id: MAX_ID };
    assert.deepEqual(decodeCursor(encodeCursor(good)), good);
  });

  it('a schedule time the databases cannot store is no time (years 0000, 10000; 0001–0099 are not 1901–1999)', () => {
    assert.equal(zonedLocalToIso('0000-01-01T00:00', 'UTC'), null);
    assert.equal(zonedLocalToIso('9999-12-31T23:30', 'America/New_York'), null);
    assert.equal(zonedLocalToIso('0050-06-01T12:00', 'UTC'), '0050-06-01T12:00:00.000Z');
    assert.equal(zonedLocalToIso('2026-11-01T10:00', 'Asia/Kolkata'), '2026-11-01T04:30:00.000Z');
  });
});

describeEachDatabase('hostile input', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let admin: DeskUser;
  let as: { cookie: string; csrf: string };
  let published: Article;
  let draft: Article;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    published = await addStory(store.db, {});
    draft = await addStory(store.db, {}, { status: 'draft' });
    admin = await deskUser(store.db, 'admin');
    as = await admin.session();
  });

  /** A request as the signed-in admin; POSTs carry the session's CSRF token. */
  function hit(method: 'GET' | 'POST', url: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
    const options: InjectOptions = { method, url, headers: { cookie: as.cookie, ...headers } };
    if (method === 'POST') {
      options.payload = new URLSearchParams({ _csrf: as.csrf, ...fields }).toString();
      options.headers = { ...options.headers, 'content-type': 'application/x-www-form-urlencoded', origin: SITE, 'sec-fetch-site': 'same-origin' };
    }
    return app.inject(options);
  }

  /** Runs every case and reports all that answered otherwise, not just the first. */
  async function expectAll(
    cases: { method: 'GET' | 'POST'; url: string; fields?: Record<string, string>; headers?: Record<string, string>; status: number | number[] }[],
  ) {
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await hit(c.method, c.url, c.fields, c.headers);
      if (![c.status].flat().includes(res.statusCode))
        wrong.push(`${c.method} ${c.url} ${c.fields ? JSON.stringify(c.fields) : ''} → ${res.statusCode}, expected ${String(c.status)}`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length} answered otherwise`);
  }

  it('an id out of range in a path answers 404 on every route that takes one', async () => {
    const routes = app.routeTable.filter((r) => (r.method === 'GET' || r.method === 'POST') && /:(id|revision|ref)\b/.test(r.url));
    assert.ok(routes.length >= 45, `the walk covers the id routes (${routes.length})`);
    const cases = routes.flatMap((r) =>
      BAD_IDS.map((id) => ({ method: r.method as 'GET' | 'POST', url: r.url.replace(/:(id|revision|ref)\b/g, q(id)), status: 404 })),
    );
    // The other parameter of a two-id route stays valid, so that each is checked on its own.
    cases.push({ method: 'POST', url: `/newsroom/articles/${draft.id}/revisions/2147483648/restore`, status: 404 });
    cases.push({ method: 'GET', url: '/article/2147483648-some-slug', status: 404 });
    await expectAll(cases);
  });

  it('a cursor that is not ours leaves a listing at its first page, and the API refuses it (400)', async () => {
    const listings = [
      '/latest',
      '/blog',
      '/opinion',
      '/interview',
      '/shots',
      '/sector/health',
      '/country/india',
      '/edition/south-asia/latest',
      '/newsroom/articles',
      '/newsroom/inbox',
    ];
    const cases = listings.flatMap((url) =>
      BAD_CURSORS.flatMap((c) => ['before', 'after'].map((side) => ({ method: 'GET' as const, url: `${url}?${side}=${q(c)}`, status: 200 }))),
    );
    cases.push(...BAD_CURSORS.map((c) => ({ method: 'GET' as const, url: `/api/v1/items?cursor=${q(c)}`, status: 400 })));
    await expectAll(cases);
    const res = await app.inject(`/api/v1/items?cursor=${q(BAD_CURSORS[0]!)}`);
    assert.match((res.json() as { problems: string[] }).problems[0]!, /^cursor: not a cursor from this API/);
  });

  it('updated-since outside the years 0001–9999 or on a day that does not exist answers 400, the edges 200', async () => {
    await expectAll([
      ...BAD_TIMES.map((t) => ({ method: 'GET' as const, url: `/api/v1/items?updated-since=${q(t)}`, status: 400 })),
      { method: 'GET', url: `/api/v1/items?updated-since=${q('0001-01-01T00:00:00Z')}`, status: 200 },
      { method: 'GET', url: `/api/v1/items?updated-since=${q('9999-12-31T23:59:59Z')}`, status: 200 },
    ]);
    const res = await app.inject(`/api/v1/items?updated-since=0000-01-01T00:00:00Z`);
    assert.match((res.json() as { problems: string[] }).problems[0]!, /^updated-since: an ISO 8601 time .* years 0001 to 9999/);
    const all = await app.inject(`/api/v1/items?updated-since=0001-01-01`);
    assert.deepEqual((all.json() as { items: { uri: string }[] }).items.length, 1, 'the published story');
  });

  it('the sitemap of December 9999 is a month without stories (404), not a time the database refuses', async () => {
    await expectAll([
      { method: 'GET', url: '/sitemaps/articles-9999-12.xml', status: 404 },
      { method: 'GET', url: '/sitemaps/articles-9999-12-2.xml', status: 404 },
      { method: 'GET', url: '/sitemaps/articles-1000-01.xml', status: 404 },
    ]);
  });

  it('numbers in queries and forms that no row can have are ignored or refused as input, never sent to the database', async () => {
    const cases: Parameters<typeof expectAll>[0] = [];
    for (const id of BAD_IDS) {
      cases.push(
        { method: 'GET', url: `/newsroom/feedback?before=${q(id)}`, status: 200 },
        { method: 'GET', url: `/newsroom/newsletter/subscribers?before=${q(id)}`, status: 200 },
        { method: 'GET', url: `/newsroom/notifications?before=${q(id)}`, status: 200 },
        { method: 'GET', url: `/newsroom/articles/${draft.id}/diff?from=${q(id)}&to=${q(id)}`, status: 404 },
        { method: 'GET', url: `/newsroom/inbox/items/1/diff?from=${q(id)}`, status: 404 },
        { method: 'POST', url: '/newsroom/notifications/read', fields: { id }, status: 303 },
        { method: 'POST', url: '/newsroom/front/global', fields: { 'story-0': id, 'until-0': '2030-01-01T10:00' }, status: [404, 422] },
      );
    }
    await expectAll(cases);
    // Ids the editor's form carries are held to the same bounds by the domain: the form comes back with the reason.
    const form = editorForm(draft);
    const hero = await hit('POST', `/newsroom/articles/${draft.id}`, { ...form, heroMediaId: '2147483648' });
    assert.equal(hero.statusCode, 422);
    const author = await hit('POST', '/newsroom/authors', { name: 'Nobody Known', userId: '2147483648' });
    assert.equal(author.statusCode, 422);
  });

  it('a NUL byte in a body is removed before anything is stored: the editor, a page, an author, a correction, feedback, a sign-up', async () => {
    const saved = await hit('POST', `/newsroom/articles/${draft.id}`, {
      ...editorForm(draft),
      headline: 'Nul\u0000 In The Headline',
      body: '<p>Before\u0000after.</p>',
    });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    const article = (await getArticle(store.db, draft.id))!;
    assert.equal(article.headline, 'Nul In The Headline');
    assert.equal(article.body, '<p>Beforeafter.</p>');

    assert.equal((await hit('POST', '/newsroom/pages/nul-page', { slug: 'nul-page', title: 'A\u0000 page', body: '<p>x\u0000y</p>' })).statusCode, 303);
    assert.equal((await findPage(store.db, 'nul-page'))?.title, 'A page');
    assert.equal((await hit('POST', '/newsroom/authors', { name: 'Nul\u0000 Writer' })).statusCode, 303);
    assert.equal((await hit('POST', `/newsroom/articles/${published.id}/correct`, { note: 'A date\u0000 was wrong.' })).statusCode, 303);

    const feedback = await hit('POST', '/feedback', { name: 'Reader', email: 'reader@example.org', message: 'Hello\u0000 there, a typo in the story.' });
    assert.equal(feedback.statusCode, 303);
    assert.equal((await listFeedback(store.db, { view: 'all' })).items[0]?.message, 'Hello there, a typo in the story.');

    const signUp = await hit('POST', '/newsletter', { email: 'nul\u0000reader@example.org', editions: 'global' });
    assert.equal(signUp.statusCode, 200, signUp.body.slice(0, 300));
    assert.ok(await findSubscriberByEmail(store.db, 'nulreader@example.org'));

    const autosave = await hit('POST', `/newsroom/articles/${draft.id}/autosave`, {
      ...editorForm((await getArticle(store.db, draft.id))!),
      body: '<p>Again\u0000.</p>',
    });
    assert.equal(autosave.statusCode, 200);
    assert.equal((await getArticle(store.db, draft.id))!.body, '<p>Again.</p>');
  });

  it('a NUL byte in a path answers 404, in a query 400, in a cookie is no session', async () => {
    await expectAll([
      { method: 'GET', url: '/page/a%00b', status: 404 },
      { method: 'GET', url: '/author/a%00b', status: 404 },
      { method: 'GET', url: '/media/320/a%00b.webp', status: 404 },
      { method: 'GET', url: '/sitemaps/a%00b.xml', status: 404 },
      { method: 'GET', url: '/api/v1/items/1%00', status: 404 },
      { method: 'GET', url: '/newsroom/pages/a%00b', status: 404 },
      { method: 'GET', url: '/newsroom/authors/a%00b', status: 404 },
      { method: 'POST', url: '/newsroom/reset-password/a%00b', status: 404 },
      { method: 'GET', url: '/search?q=a%00b', status: 400 },
      { method: 'GET', url: '/latest?before=a%00b', status: 400 },
      { method: 'GET', url: '/api/v1/items?edition=a%00b', status: 400 },
      { method: 'GET', url: '/newsroom/articles?text=a%00b', status: 400 },
      { method: 'GET', url: '/newsroom/newsletter/subscribers?q=a%00b', status: 400 },
      { method: 'GET', url: '/newsroom/inbox?source=a%00b', status: 400 },
      { method: 'GET', url: '/feedback?from=%2Fa%00b', status: 400 },
      { method: 'GET', url: '/newsroom', headers: { cookie: 'wd_session=%00' }, status: 303 },
      { method: 'GET', url: '/newsroom/sign-in', headers: { cookie: 'wd_signin=a%00b' }, status: 200 },
    ]);
    const api = await app.inject('/api/v1/items?edition=a%00b');
    assert.match(api.headers['content-type'] as string, /^application\/json/);
    assert.equal(api.json().error, 'A query parameter holds a NUL character');
  });

  it('the read beacon counts an id out of range as invalid, and the reads after it are still written', async () => {
    const beacon = (body: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/views',
        payload: body,
        headers: {
          'content-type': 'text/plain;charset=UTF-8',
          'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
        },
        remoteAddress: '192.0.2.77',
      });
    const before = app.viewCounter.stats();
    for (const id of ['2147483648', '999999999999']) assert.equal((await beacon(id)).statusCode, 204);
    assert.equal((await app.inject({ url: '/api/v1/views/2147483648.gif', remoteAddress: '192.0.2.78' })).statusCode, 200);
    assert.equal((await beacon(String(published.id))).statusCode, 204);
    await app.viewCounter.flush();
    const stats = app.viewCounter.stats();
    assert.equal(stats.invalid - before.invalid, 3);
    assert.equal(stats.accepted - before.accepted, 1);
    assert.equal(stats.pending, 0);
    assert.equal(stats.flushErrors, before.flushErrors);
  });
});

describeEachDatabase('a database error', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let story: Article;
  let admin: DeskUser;
  const logged: { reqId?: string; msg?: string; err?: { message?: string } }[] = [];
  const broken = 'article_sources';

  before(async () => {
    ({ store } = await openSuite(testDb));
    story = await addStory(store.db, {});
    admin = await deskUser(store.db, 'admin');
    app = await appWithLog(testDb, store, (line) => logged.push(JSON.parse(line) as (typeof logged)[number]));
    await app.inject('/'); // the directory and side blocks are loaded while the tables are whole
  });
  after(async () => {
    await app.close();
  });

  /** Every route below reads the article's links; without the table the database answers with its own error. */
  async function withoutTable<T>(run: () => Promise<T>): Promise<T> {
    await store.db.schema.alterTable(broken).renameTo(`${broken}_away`).execute();
    try {
      return await run();
    } finally {
      await store.db.schema.alterTable(`${broken}_away`).renameTo(broken).execute();
    }
  }

  const databaseText = /article_sources|relation|no such table|does not exist|SQLITE|select |syntax/i;

  it('answers 500 from the API as JSON with a request id and nothing of the database, which goes to the log', async () => {
    const res = await withoutTable(() => app.inject(`/api/v1/items/${story.id}`));
    assert.equal(res.statusCode, 500);
    assert.match(res.headers['content-type'] as string, /^application\/json/);
    const body = res.json() as { error: string; requestId: string };
    assert.equal(body.error, 'Something went wrong');
    assert.match(body.requestId, /^[0-9a-f]{12}$/);
    assert.doesNotMatch(res.body, databaseText);
    const line = logged.find((l) => l.reqId === body.requestId && l.err);
    assert.ok(line, 'the failure is logged with the request id');
    assert.match(line.err!.message!, /article_sources/);
  });

  it('answers 500 on the site, the feeds and the newsroom without the database text, with the reference', async () => {
    const as = await admin.session();
    const answers = await withoutTable(async () => [
      await app.inject('/api/v1/items'),
      await app.inject(articlePath(story)),
      await app.inject('/rss.xml'),
      await app.inject({ url: `/newsroom/articles/${story.id}`, headers: { cookie: as.cookie } }),
    ]);
    for (const res of answers) {
      assert.equal(res.statusCode, 500, res.body.slice(0, 200));
      assert.doesNotMatch(res.body, databaseText);
      const reference = /Reference: ([0-9a-f]{12})\./.exec(res.body)?.[1] ?? (JSON.parse(res.body) as { requestId?: string }).requestId;
      assert.ok(
        reference && logged.some((l) => l.reqId === reference && /article_sources/.test(l.err?.message ?? '')),
        `${res.body.slice(0, 120)}: a reference to a logged failure`,
      );
    }
  });

  it('answers 503 from /healthz without the database text', async () => {
    const res = await withoutTable(async () => {
      await store.db.schema.alterTable('articles').renameTo('articles_away').execute();
      try {
        return await app.inject('/healthz');
      } finally {
        await store.db.schema.alterTable('articles_away').renameTo('articles').execute();
      }
    });
    assert.equal(res.statusCode, 503);
    assert.doesNotMatch(res.body, /articles|relation|no such table|does not exist/i);
  });
});

/** The editor's form for an article as it is now (every field the desk sends). */
function editorForm(a: Article): Record<string, string> {
  return {
    kind: a.kind,
    headline: a.headline,
    standfirst: a.standfirst,
    body: a.body,
    datelineCity: a.datelineCity,
    bylineDesk: 'News Desk',
    edition: 'global',
    countries: a.countries.join(', '),
    sectors: a.sectors[0] ?? '',
    aiInvolvement: a.aiInvolvement,
    version: String(a.version),
  };
}

/** The app with its log lines handed to `line`, and no page cache (every request reaches the database). */
async function appWithLog(testDb: TestDatabase, store: Store, line: (text: string) => void): Promise<FastifyInstance> {
  const config = { ...loadConfig({ LOG_LEVEL: 'error', SITE_URL: SITE, PAGE_CACHE_MB: '0' }), database: testDb.target, dataDir: testDb.dataDir };
  return buildApp({ config, store: { ...store, close: async () => {} }, logStream: { write: line } });
}
