import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import type { Store } from '../../src/db/connect.js';
import { parseAllowList } from '../../src/net/address-policy.js';
import { pollSource } from '../../src/wire/poller.js';
import { addSource, findSourceByName } from '../../src/wire/sources.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

const feed = (items: string[]) =>
  `<rss version="2.0"><channel><title>Equator Press Service</title>${items.map((t, i) => `<item><guid>eps-${i}</guid><title>${t}</title><description>${t}.</description></item>`).join('')}</channel></rss>`;

/** The feed server here is a local fake on 127.0.0.1: allowed explicitly, as OUTBOUND_ALLOW would. */
const LOCAL = { allow: parseAllowList('127.0.0.1') };

describeEachDatabase('polling source URLs', (testDb) => {
  let store: Store;
  let server: http.Server;
  let base: string;
  const seen: { path: string; ifNoneMatch?: string }[] = [];
  let body = feed(['Harbour Dredging Starts', 'Seed Fair Draws Farmers']);

  before(async () => {
    ({ store } = await openSuite(testDb));
    server = http.createServer((req, res) => {
      seen.push({ path: req.url ?? '', ifNoneMatch: req.headers['if-none-match'] });
      if (req.url === '/broken') return res.writeHead(500).end('down');
      const etag = `"${body.length}"`;
      if (req.headers['if-none-match'] === etag) return res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('ingests a feed, then asks again with its ETag and gets 304; new content arrives on the next change', async () => {
    await addSource(store.db, { name: 'eps', agency: 'Equator Press Service', url: `${base}/feed.xml`, pollSeconds: 60 }, testActor(), { outbound: LOCAL });
    const t0 = Date.now();
    const first = await pollSource(store.db, (await findSourceByName(store.db, 'eps'))!, t0, { outbound: LOCAL });
    assert.equal(first?.new, 2);
    assert.equal(await pollSource(store.db, (await findSourceByName(store.db, 'eps'))!, t0 + 1000, { outbound: LOCAL }), null, 'not due again for 60 s');
    const second = await pollSource(store.db, (await findSourceByName(store.db, 'eps'))!, t0 + 61_000, { outbound: LOCAL });
    assert.equal(second?.new, 0);
    assert.equal(seen.at(-1)!.ifNoneMatch, `"${body.length}"`);
    body = feed(['Harbour Dredging Starts', 'Seed Fair Draws Farmers', 'Ferry Timetable Changes']);
    const third = await pollSource(store.db, (await findSourceByName(store.db, 'eps'))!, t0 + 122_000, { outbound: LOCAL });
    assert.deepEqual([third?.new, third?.ignored], [1, 2]);
    const source = (await findSourceByName(store.db, 'eps'))!;
    assert.equal(source.itemsTotal, 5);
    assert.ok(source.lastSuccessAt);
    assert.equal(source.failures, 0);
  });

  it('backs off after failures and records the error', async () => {
    await addSource(store.db, { name: 'broken', agency: 'X', url: `${base}/broken`, pollSeconds: 60 }, testActor(), { outbound: LOCAL });
    const t0 = Date.now();
    const result = await pollSource(store.db, (await findSourceByName(store.db, 'broken'))!, t0, { outbound: LOCAL });
    assert.match(result!.rejected[0]!.reason, /answered 500/);
    let source = (await findSourceByName(store.db, 'broken'))!;
    assert.equal(source.failures, 1);
    assert.match(source.lastError!, /answered 500/);
    assert.equal(Date.parse(source.nextPollAt!) - t0, 120_000, 'twice the interval after one failure');
    await pollSource(store.db, source, Date.parse(source.nextPollAt!), { outbound: LOCAL });
    source = (await findSourceByName(store.db, 'broken'))!;
    assert.equal(source.failures, 2);
  });
});
