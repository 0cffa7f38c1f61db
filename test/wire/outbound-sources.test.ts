import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../src/db/connect.js';
import { parseAllowList } from '../../src/net/address-policy.js';
import { heroesForNewStories } from '../../src/wire/illustrate.js';
import { pollSource } from '../../src/wire/poller.js';
import { ingestInputs } from '../../src/wire/run.js';
import { addSource, findSourceByName, listSources } from '../../src/wire/sources.js';
import { testApp } from '../helpers/app.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';
import { deskUser, post, type DeskUser } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

/**
 * Polled sources and the pictures their items name, against servers on this machine: the feed
 * server is allowed (by its port, as OUTBOUND_ALLOW would), the "internal" server is not.
 */
describeEachDatabase('sources and agency pictures stay off private addresses', (testDb) => {
  let store: Store;
  let feed: http.Server;
  let internal: http.Server;
  let feedUrl: string;
  let feedPort: number;
  let internalUrl: string;
  let internalPort: number;
  const internalHits: string[] = [];
  const feedHits: string[] = [];
  let app: FastifyInstance;
  let admin: DeskUser;

  const rss = () => `<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Equator Press Service</title>
<item><guid>eps-pic-1</guid><title>Harbour Pilots Return To Work</title><description>Harbour pilots returned to work on Monday.</description>
  <media:content url="${internalUrl}/photos/pilots.jpg" medium="image"><media:description>Pilots</media:description></media:content></item>
<item><guid>eps-pic-2</guid><title>Ferry Timetable Changes Next Week</title><description>The ferry timetable changes next week.</description>
  <media:content url="${feedUrl}/redirect?to=${encodeURIComponent(`${internalUrl}/photos/ferry.jpg`)}" medium="image"/></item>
<item><guid>eps-pic-3</guid><title>Metadata Service Picture Refused</title><description>A picture at the metadata address.</description>
  <media:content url="http://169.254.169.254/latest/meta-data/iam/security-credentials/" medium="image"/></item>
</channel></rss>`;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    internal = http.createServer((req, res) => {
      internalHits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end('not really a picture');
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    internalPort = (internal.address() as AddressInfo).port;
    internalUrl = `http://127.0.0.1:${internalPort}`;
    feed = http.createServer((req, res) => {
      feedHits.push(req.url ?? '');
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/redirect') return res.writeHead(302, { location: url.searchParams.get('to')! }).end();
      if (url.pathname === '/to-internal') return res.writeHead(302, { location: `${internalUrl}/feed.xml` }).end();
      if (url.pathname === '/pictures.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss());
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>Empty</title></channel></rss>');
    });
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    feedPort = (feed.address() as AddressInfo).port;
    feedUrl = `http://127.0.0.1:${feedPort}`;
    admin = await deskUser(store.db, 'admin');
  });
  after(async () => {
    for (const server of [feed, internal]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('the source form refuses loopback, link-local (metadata) and private addresses with a clear 422, and saves nothing', async () => {
    const session = await admin.session();
    for (const [url, reason] of [
      [`${internalUrl}/feed.xml`, /127\.0\.0\.1 is a loopback address/],
      ['http://169.254.169.254/latest/meta-data/', /link-local address/],
      ['http://[::ffff:127.0.0.1]/feed', /loopback/],
      ['http://2130706433/feed', /loopback/],
      ['http://192.168.1.20/feed', /private address/],
      ['http://metadata.google.internal/computeMetadata/v1/', /metadata service/],
    ] as const) {
      const res = await post(app, '/newsroom/sources', { name: `refused ${url}`, agency: 'X', url, pollSeconds: '300', rule: 'inbox' }, session);
      assert.equal(res.statusCode, 422, url);
      assert.match(res.body, reason, url);
      assert.match(res.body, /sources are polled at public addresses only/);
    }
    assert.equal((await listSources(store.db)).filter((s) => s.name.startsWith('refused')).length, 0);
    assert.equal(internalHits.length, 0);
  });

  it('the edit form refuses the same; with OUTBOUND_ALLOW naming the address it is taken', async () => {
    const source = await addSource(store.db, { name: 'editable', agency: 'X', url: 'https://feeds.example.org/wire.xml' }, testActor());
    const session = await admin.session();
    const res = await post(
      app,
      `/newsroom/sources/${source.id}`,
      { name: 'editable', agency: 'X', url: 'http://10.1.2.3/wire.xml', pollSeconds: '300', rule: 'inbox' },
      session,
    );
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /10\.1\.2\.3 is a private address/);
    assert.equal((await findSourceByName(store.db, 'editable'))!.url, 'https://feeds.example.org/wire.xml');

    const allowing = await testApp(testDb, store, { OUTBOUND_ALLOW: `127.0.0.1:${feedPort}` });
    try {
      const ok = await post(
        allowing,
        `/newsroom/sources/${source.id}`,
        { name: 'editable', agency: 'X', url: `${feedUrl}/wire.xml`, pollSeconds: '300', rule: 'inbox' },
        session,
      );
      assert.equal(ok.statusCode, 303);
      assert.equal((await findSourceByName(store.db, 'editable'))!.url, `${feedUrl}/wire.xml`);
      const other = await post(
        allowing,
        `/newsroom/sources/${source.id}`,
        { name: 'editable', agency: 'X', url: `${internalUrl}/wire.xml`, pollSeconds: '300', rule: 'inbox' },
        session,
      );
      assert.equal(other.statusCode, 422, 'another port of the same machine is not allowed');
    } finally {
      await allowing.close();
    }
  });

  it('a poll is refused where the connection would be made, and the poller follows no redirect to a private address', async () => {
    const local = { allow: parseAllowList(`127.0.0.1:${feedPort}`) };
    // Entered while allowed; polled without the allow-list (it was taken out of OUTBOUND_ALLOW).
    const source = await addSource(store.db, { name: 'no-longer-allowed', agency: 'X', url: `${feedUrl}/feed.xml`, pollSeconds: 60 }, testActor(), {
      outbound: local,
    });
    const before = feedHits.length;
    const result = await pollSource(store.db, source, Date.now());
    assert.match(result!.rejected[0]!.reason, /^refused: 127\.0\.0\.1 is a loopback address/);
    assert.equal(feedHits.length, before, 'the feed server was not reached');
    assert.match((await findSourceByName(store.db, 'no-longer-allowed'))!.lastError!, /refused/);

    const redirecting = await addSource(store.db, { name: 'redirects-inside', agency: 'X', url: `${feedUrl}/to-internal`, pollSeconds: 60 }, testActor(), {
      outbound: local,
    });
    const redirected = await pollSource(store.db, redirecting, Date.now(), { outbound: local });
    assert.match(redirected!.rejected[0]!.reason, /^refused: 127\.0\.0\.1 is a loopback address/);
    assert.equal(internalHits.length, 0, 'the internal server was not reached');
  });

  it('pictures a feed names on a private address are not fetched, directly or by redirect; the stories are ingested with an illustration', async () => {
    const local = { allow: parseAllowList(`127.0.0.1:${feedPort}`) };
    const source = await addSource(
      store.db,
      { name: 'eps pictures', agency: 'Equator Press Service', url: `${feedUrl}/pictures.xml`, pollSeconds: 60 },
      testActor(),
      { outbound: local },
    );
    const warnings: string[] = [];
    const heroFor = heroesForNewStories(store.db, { dataDir: testDb.dataDir, imageGen: null, outbound: local }, { warn: (m) => void warnings.push(m) });
    const summary = await pollSource(store.db, source, Date.now(), { heroFor, outbound: local });
    assert.equal(summary?.new, 3, JSON.stringify(summary?.rejected));
    assert.deepEqual(internalHits, [], 'nothing reached the internal server');
    assert.ok(
      feedHits.some((h) => h.startsWith('/redirect')),
      'the public-looking first hop was asked',
    );
    const stories = await store.db
      .selectFrom('articles')
      .innerJoin('media', 'media.id', 'articles.hero_media_id')
      .select(['articles.headline', 'media.digital_source_type'])
      .where('articles.headline', 'in', ['Harbour Pilots Return To Work', 'Ferry Timetable Changes Next Week', 'Metadata Service Picture Refused'])
      .execute();
    assert.equal(stories.length, 3);
    for (const s of stories) assert.equal(s.digital_source_type, 'algorithmicMedia', `${s.headline}: a local illustration, not the agency's picture`);
    assert.equal(warnings.filter((w) => /refused: /.test(w)).length, 3, warnings.join('\n'));
  });

  it('wiredesk ingest <url>: the address typed is taken as given, where it redirects is checked', async () => {
    const refused = await ingestInputs(store.db, [`${feedUrl}/cli.xml`]);
    assert.match(refused.rejected[0]!.reason, /refused: 127\.0\.0\.1 is a loopback address/, 'without the command line’s trust');
    const typed = await ingestInputs(store.db, [`${feedUrl}/cli.xml`], { outbound: { trust: [`${feedUrl}/cli.xml`] } });
    assert.deepEqual(typed.rejected, []);
    const redirected = await ingestInputs(store.db, [`${feedUrl}/to-internal`], { outbound: { trust: [`${feedUrl}/to-internal`] } });
    assert.match(redirected.rejected[0]!.reason, /refused: 127\.0\.0\.1 is a loopback address/);
    assert.deepEqual(internalHits, []);
  });
});
