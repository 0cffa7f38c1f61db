import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../src/db/connect.js';
import { parseAllowList } from '../../src/net/address-policy.js';
import { listDeliveries } from '../../src/webhooks/deliveries.js';
import { runWebhooksOnce } from '../../src/webhooks/dispatcher.js';
import { addSubscription, listSubscriptions, setSubscriptionActive } from '../../src/webhooks/subscriptions.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { deskUser, get, post, type DeskUser } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

const SITE = 'https://news.example.org';

/**
 * Webhooks and private addresses: the form refuses them, the dispatcher refuses them when it
 * sends, and the screen never shows what a receiver wrote back.
 */
describeEachDatabase('webhooks stay off private addresses and keep receivers’ words to themselves', (testDb) => {
  let store: Store;
  let receiver: http.Server;
  let base: string;
  const hits: string[] = [];
  let app: FastifyInstance;
  let admin: DeskUser;
  const local = () => ({ allow: parseAllowList('127.0.0.1') });

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    receiver = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      req.resume();
      req.on('end', () => {
        if (req.url === '/internal-error')
          return res
            .writeHead(500, 'Internal db-password-in-reason', { 'content-type': 'text/plain' })
            .end('stack trace: INTERNAL-SECRET-TOKEN at db.internal:5432');
        if (req.url === '/moved') return res.writeHead(302, { location: 'http://10.0.0.9/admin?token=REDIRECT-SECRET' }).end();
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    admin = await deskUser(store.db, 'admin');
  });
  after(async () => {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('the form refuses loopback, metadata and private receivers with a clear 422, and saves nothing', async () => {
    const session = await admin.session();
    for (const [url, reason] of [
      [`${base}/hook`, /127\.0\.0\.1 is a loopback address/],
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address/],
      ['http://[::ffff:7f00:1]:8080/hook', /loopback/],
      ['http://0177.0.0.1/hook', /loopback/],
      ['http://[fd00::1]/hook', /unique-local/],
      ['http://100.64.0.1/hook', /carrier-grade NAT/],
      ['http://metadata.google.internal/computeMetadata/v1/', /metadata service/],
      ['https://user:secret@hooks.example.org/hook', /user name or password/],
    ] as const) {
      const res = await post(app, '/newsroom/webhooks', { url, events: 'publish' }, session);
      assert.equal(res.statusCode, 422, url);
      assert.match(res.body, reason, url);
    }
    assert.deepEqual(await listSubscriptions(store.db), []);
  });

  it('the dispatcher refuses a private receiver when it sends (the allow-list no longer names it), without reaching it', async () => {
    const { subscription } = await addSubscription(store.db, { url: `${base}/hook`, events: ['publish'] }, testActor(), local());
    await addStory(store.db, { headline: 'Sent Nowhere Private' });
    const summary = await runWebhooksOnce(store.db, SITE);
    assert.equal(summary.delivered, 0);
    assert.deepEqual(hits, [], 'the receiver was not reached');
    const [delivery] = await listDeliveries(store.db, { subscriptionId: subscription.id });
    assert.equal(delivery!.status, 'pending');
    assert.equal(delivery!.lastStatus, null);
    assert.match(delivery!.lastError!, /^refused: 127\.0\.0\.1 is a loopback address/);
    await setSubscriptionActive(store.db, subscription.id, false, testActor());
  });

  it('the webhooks screen shows a failed receiver’s status only: not its body, reason phrase or redirect target, even from rows older versions kept', async () => {
    const failing = await addSubscription(store.db, { url: `${base}/internal-error`, events: ['publish'] }, testActor(), local());
    const moved = await addSubscription(store.db, { url: `${base}/moved`, events: ['publish'] }, testActor(), local());
    await addStory(store.db, { headline: 'Told To Receivers' });
    await runWebhooksOnce(store.db, SITE, { outbound: local() });
    assert.ok(hits.includes('/internal-error') && hits.includes('/moved'));
    const [failed] = await listDeliveries(store.db, { subscriptionId: failing.subscription.id });
    assert.equal(failed!.lastStatus, 500);
    assert.equal(failed!.lastError, 'answered 500 Internal Server Error');
    const [redirected] = await listDeliveries(store.db, { subscriptionId: moved.subscription.id });
    assert.equal(redirected!.lastError, 'answered 302 Found; redirects are not followed');

    // A row as the previous version wrote it: 300 characters of the receiver's answer.
    await store.db
      .updateTable('webhook_deliveries')
      .set({ last_error: 'answered 500 Internal Server Error: LEGACY-SECRET-BODY' })
      .where('id', '=', failed!.id)
      .execute();

    const page = await get(app, '/newsroom/webhooks', await admin.session());
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /answered 500 Internal Server Error/);
    assert.match(page.body, /answered 302 Found; redirects are not followed/);
    for (const secret of ['INTERNAL-SECRET-TOKEN', 'db.internal', 'db-password-in-reason', 'REDIRECT-SECRET', '10.0.0.9', 'LEGACY-SECRET-BODY']) {
      assert.ok(!page.body.includes(secret), `the page shows ${secret}`);
    }
    const rows = await store.db.selectFrom('webhook_deliveries').select('last_error').execute();
    assert.ok(
      rows.every((r) => !/INTERNAL-SECRET|REDIRECT-SECRET|db-password/.test(r.last_error ?? '')),
      'nor is it kept',
    );
  });
});
