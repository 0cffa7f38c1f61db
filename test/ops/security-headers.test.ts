import assert from 'node:assert/strict';
import net from 'node:net';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS_POLICY } from '../../src/app.js';
import type { Store } from '../../src/db/connect.js';
import { viewsBeaconPath } from '../../src/presentation/urls.js';
import { testApp } from '../helpers/app.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

describeEachDatabase('security headers on every answer', (testDb) => {
  let store: Store;
  let app: FastifyInstance;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    await addStory(store.db);
  });

  it('sends a restrictive Permissions-Policy on pages, the newsroom, errors, assets, feeds, the API and beacons', async () => {
    const css = /href="(\/assets\/site\.[0-9a-f]{10}\.css)"/.exec((await app.inject('/')).body)![1]!;
    const answers = await Promise.all(
      ['/', '/newsroom/sign-in', '/newsroom', '/no-such-page', css, '/rss.xml', '/api/v1/items', '/healthz', '/robots.txt'].map(
        async (url) => [url, await app.inject(url)] as const,
      ),
    );
    answers.push(['POST beacon', await app.inject({ method: 'POST', url: viewsBeaconPath, payload: '{}', headers: { 'content-type': 'application/json' } })]);
    for (const [url, res] of answers) {
      const policy = String(res.headers['permissions-policy'] ?? '');
      assert.equal(policy, PERMISSIONS_POLICY, `${url} (${res.statusCode})`);
    }
    assert.match(PERMISSIONS_POLICY, /(^|, )camera=\(\)/);
    assert.match(PERMISSIONS_POLICY, /(^|, )geolocation=\(\)/);
    assert.match(PERMISSIONS_POLICY, /(^|, )microphone=\(\)/);
    assert.match(PERMISSIONS_POLICY, /fullscreen=\(self "https:\/\/www\.youtube-nocookie\.com"/);
  });

  it('keeps it on answers from the page cache', async () => {
    const server = await testApp(testDb, store);
    try {
      await server.changeListener.ready;
      await server.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(server.server.address() as net.AddressInfo).port}/`;
      await (await fetch(url)).text();
      await server.pageCache!.settled();
      const hits = server.pageCache!.stats().hits;
      const second = await fetch(url);
      await second.text();
      assert.equal(server.pageCache!.stats().hits, hits + 1, 'answered from the cache');
      assert.equal(second.headers.get('permissions-policy'), PERMISSIONS_POLICY);
    } finally {
      await server.close();
    }
  });
});
