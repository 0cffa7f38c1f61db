import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ConflictError, ValidationError } from '../../src/content/errors.js';
import { listPublicationEvents } from '../../src/content/publication-events.js';
import { editArticle, publishArticle, unpublishArticle } from '../../src/content/lifecycle.js';
import { inTransaction, type Store } from '../../src/db/connect.js';
import { FIRST_RETRY_MS, MAX_ATTEMPTS, listDeliveries, retryDelayMs } from '../../src/webhooks/deliveries.js';
import { runWebhooksOnce } from '../../src/webhooks/dispatcher.js';
import { parseAllowList } from '../../src/net/address-policy.js';
import { verifyWebhook } from '../../src/webhooks/signing.js';
import { addSubscription, listSubscriptions, setSubscriptionActive } from '../../src/webhooks/subscriptions.js';
import { deskUser, get, post, type DeskUser } from '../newsroom/desk.js';
import { testApp } from '../helpers/app.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

const SITE = 'https://news.example.org';
/** The receivers here are local fakes on 127.0.0.1: allowed explicitly, as OUTBOUND_ALLOW would. */
const LOCAL = { allow: parseAllowList('127.0.0.1') };

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Json = Record<string, any>;

/** The Standard Webhooks signature, computed here independently of src/webhooks/signing.ts. */
function expectedSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

describeEachDatabase('webhooks', (testDb) => {
  let store: Store;
  let server: http.Server;
  let base: string;
  const received: Received[] = [];
  /** Answers to give, per path, in turn; then 500 for a story's item as many times as `failures`
   *  says; then 200. */
  const answers = new Map<string, number[]>();
  const failures = new Map<string, number>();
  const itemUri = (id: number) => `${SITE}/api/v1/items/${id}`;
  /** The dispatcher's clock, moved on by the tests. */
  let clock = Date.parse('2026-11-01T00:00:00.000Z');
  const now = () => new Date(clock).toISOString();
  const tick = (ms: number) => {
    clock += ms;
  };

  before(async () => {
    ({ store } = await openSuite(testDb));
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body });
        let status = answers.get(req.url ?? '')?.shift();
        if (status === undefined) {
          const uri = String((JSON.parse(body || '{}') as Json).item?.uri ?? '');
          const left = failures.get(uri) ?? 0;
          if (left > 0) failures.set(uri, left - 1);
          status = left > 0 ? 500 : 200;
        }
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status < 300 ? 'thanks' : 'receiver is broken');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const run = () => runWebhooksOnce(store.db, SITE, { now: now(), outbound: LOCAL });
  const take = () => received.splice(0);
  const actor = { name: 'editor@example.org', userId: null };

  it('records publish, update and unpublish in the same transaction as the change, and nothing else', async () => {
    const draft = await addStory(store.db, {}, { status: 'draft' });
    await editArticle(store.db, draft.id, { headline: 'Still a draft' }, { actor: testActor('t') });
    assert.deepEqual(await listPublicationEvents(store.db, draft.id), [], 'drafts are not news');

    await publishArticle(store.db, draft.id, { actor });
    const published = await editArticle(store.db, draft.id, { headline: 'Now public' }, { actor: testActor('t') });
    await assert.rejects(editArticle(store.db, draft.id, { headline: 'Stale' }, { actor: testActor('t'), expectedVersion: 1 }), ConflictError);
    // A change rolled back takes its event with it.
    await assert.rejects(
      inTransaction(store.db, async (trx) => {
        await editArticle(trx, draft.id, { headline: 'Rolled back' }, { actor: testActor('t') });
        throw new Error('abort');
      }),
      /abort/,
    );
    await unpublishArticle(store.db, draft.id, { actor });
    const events = await listPublicationEvents(store.db, draft.id);
    assert.deepEqual(
      events.map((e) => e.event),
      ['publish', 'update', 'unpublish'],
    );
    assert.equal(events[1]!.snapshot.headline, 'Now public');
    assert.equal(events[1]!.articleVersion, published.version);
    assert.equal(events[2]!.snapshot.status, 'unpublished');

    // Created published is a publication too.
    const direct = await addStory(store.db, {});
    assert.deepEqual(
      (await listPublicationEvents(store.db, direct.id)).map((e) => e.event),
      ['publish'],
    );
    // With nobody subscribed the events are dispatched and forgotten.
    const summary = await run();
    assert.ok(summary.events >= 4);
    assert.equal(summary.attempted, 0);
    assert.deepEqual(take(), []);
  });

  it('subscriptions take http and https addresses only, each with its own random secret', async () => {
    for (const url of ['ftp://example.org/hook', 'javascript:alert(1)', 'not a url', '']) {
      await assert.rejects(addSubscription(store.db, { url }, testActor()), ValidationError, url);
    }
    await assert.rejects(addSubscription(store.db, { url: 'https://example.org/hook', events: [] }, testActor()), ValidationError);
    const a = await addSubscription(store.db, { url: 'https://example.org/a' }, testActor());
    const b = await addSubscription(store.db, { url: 'https://example.org/b', events: ['publish'] }, testActor());
    assert.match(a.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.notEqual(a.secret, b.secret);
    assert.deepEqual(a.subscription.events, ['publish', 'update', 'unpublish']);
    assert.deepEqual(b.subscription.events, ['publish']);
    assert.ok(!JSON.stringify(await listSubscriptions(store.db)).includes(a.secret), 'the secret is not listed again');
    await setSubscriptionActive(store.db, a.subscription.id, false, testActor());
    await setSubscriptionActive(store.db, b.subscription.id, false, testActor());
  });

  it('delivers publish, update and unpublish in order, signed per Standard Webhooks, with the ninjs item', async () => {
    const { subscription, secret } = await addSubscription(store.db, { url: `${base}/ok` }, testActor(), LOCAL);
    const article = await addStory(store.db, { headline: 'Port reopens' }, { status: 'draft' });
    await publishArticle(store.db, article.id, { actor });
    await editArticle(store.db, article.id, { headline: 'Port reopens after storm' }, { actor: testActor('t') });
    await unpublishArticle(store.db, article.id, { actor });

    const summary = await run();
    assert.equal(summary.delivered, 3);
    const requests = take();
    assert.equal(requests.length, 3);
    const bodies = requests.map((r) => JSON.parse(r.body) as Json);
    assert.deepEqual(
      bodies.map((b) => b.event),
      ['publish', 'update', 'unpublish'],
    );
    assert.deepEqual(
      bodies.map((b) => b.item.pubstatus),
      ['usable', 'usable', 'canceled'],
    );
    assert.deepEqual(
      bodies.map((b) => b.item.headlines[0].value),
      ['Port reopens', 'Port reopens after storm', 'Port reopens after storm'],
    );
    assert.deepEqual(
      bodies.map((b) => b.item.version),
      ['2', '3', '4'],
    );
    for (const [i, r] of requests.entries()) {
      assert.equal(r.path, '/ok');
      assert.equal(r.headers['content-type'], 'application/json');
      assert.equal(bodies[i]!.item.uri, `${SITE}/api/v1/items/${article.id}`);
      assert.match(bodies[i]!.occurredAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const id = String(r.headers['webhook-id']);
      const timestamp = String(r.headers['webhook-timestamp']);
      const signature = String(r.headers['webhook-signature']);
      assert.match(timestamp, /^\d+$/);
      assert.equal(signature, expectedSignature(secret, id, timestamp, r.body));
      assert.ok(verifyWebhook(secret, { id, timestamp, signature }, r.body));
      assert.ok(!verifyWebhook(secret, { id, timestamp, signature }, r.body.replace('Port', 'Fort')), 'a changed body fails');
      assert.ok(!verifyWebhook(secret, { id, timestamp, signature }, r.body, Number(timestamp) + 3600), 'an old timestamp fails');
    }
    assert.equal(new Set(requests.map((r) => r.headers['webhook-id'])).size, 3, 'each event is its own message');

    const deliveries = await listDeliveries(store.db, { subscriptionId: subscription.id });
    assert.deepEqual(
      deliveries.map((d) => [d.event, d.status, d.attempts, d.lastStatus]),
      [
        ['unpublish', 'delivered', 1, 200],
        ['update', 'delivered', 1, 200],
        ['publish', 'delivered', 1, 200],
      ],
    );
    assert.equal((await run()).attempted, 0, 'delivered once');
    await setSubscriptionActive(store.db, subscription.id, false, testActor());
  });

  it('retries after a 500 with a doubling wait, as the same message, the story’s later events waiting their turn', async () => {
    const { subscription, secret } = await addSubscription(store.db, { url: `${base}/flaky` }, testActor(), LOCAL);
    const story1 = await addStory(store.db, { headline: 'Flaky first' });
    failures.set(itemUri(story1.id), 2);

    let summary = await run();
    assert.deepEqual([summary.attempted, summary.delivered], [1, 0]);
    const [firstTry] = take();
    const publishOf = async () =>
      (await listDeliveries(store.db, { subscriptionId: subscription.id })).find((d) => d.articleId === story1.id && d.event === 'publish')!;
    let delivery = await publishOf();
    assert.equal(delivery.status, 'pending');
    assert.equal(delivery.attempts, 1);
    assert.equal(delivery.lastStatus, 500);
    assert.match(delivery.lastError!, /answered 500 Internal Server Error/);
    assert.doesNotMatch(delivery.lastError!, /receiver is broken/, 'what the receiver wrote is not kept');
    assert.equal(delivery.nextAttemptAt, new Date(clock + FIRST_RETRY_MS).toISOString(), 'tried again in 30 s');

    // Meanwhile the story changes (its update waits behind the publish) and another story goes out (it does not wait).
    await editArticle(store.db, story1.id, { standfirst: 'Later news.' }, { actor: testActor('t') });
    const story2 = await addStory(store.db, { headline: 'Another story' });
    tick(1_000);
    summary = await run();
    assert.deepEqual([summary.attempted, summary.delivered], [1, 1]);
    assert.deepEqual(
      take().map((r) => JSON.parse(r.body).item.uri),
      [itemUri(story2.id)],
    );

    tick(FIRST_RETRY_MS);
    summary = await run();
    assert.deepEqual([summary.attempted, summary.delivered], [1, 0], 'the second try fails too');
    const [secondTry] = take();
    assert.equal(secondTry!.headers['webhook-id'], firstTry!.headers['webhook-id'], 'a retry is the same message');
    assert.equal(secondTry!.body, firstTry!.body, 'with the same body');
    delivery = await publishOf();
    assert.equal(delivery.attempts, 2);
    assert.equal(delivery.nextAttemptAt, new Date(clock + 2 * FIRST_RETRY_MS).toISOString(), 'the wait doubles');

    tick(2 * FIRST_RETRY_MS - 1);
    assert.equal((await run()).attempted, 0, 'not before its time');
    tick(1);
    summary = await run();
    assert.deepEqual([summary.attempted, summary.delivered], [2, 2], 'the publish, then the update');
    const [thirdTry, update] = take();
    assert.equal(thirdTry!.headers['webhook-id'], firstTry!.headers['webhook-id']);
    assert.deepEqual([JSON.parse(thirdTry!.body).event, JSON.parse(update!.body).event], ['publish', 'update']);
    for (const r of [thirdTry!, update!]) {
      const headers = {
        id: String(r.headers['webhook-id']),
        timestamp: String(r.headers['webhook-timestamp']),
        signature: String(r.headers['webhook-signature']),
      };
      assert.ok(verifyWebhook(secret, headers, r.body));
    }
    const done = (await listDeliveries(store.db, { subscriptionId: subscription.id })).filter((d) => d.articleId === story1.id);
    assert.deepEqual(
      done.map((d) => [d.event, d.status, d.attempts, d.lastStatus]),
      [
        ['update', 'delivered', 1, 200],
        ['publish', 'delivered', 3, 200],
      ],
    );
    await setSubscriptionActive(store.db, subscription.id, false, testActor());
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and marks the delivery failed; an unreachable receiver is an error too`, async () => {
    const { subscription } = await addSubscription(store.db, { url: `${base}/down` }, testActor(), LOCAL);
    answers.set('/down', Array(MAX_ATTEMPTS).fill(503));
    await addStory(store.db, {});
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      assert.equal((await run()).attempted, 1, `attempt ${attempt}`);
      tick(retryDelayMs(attempt));
    }
    const [delivery] = await listDeliveries(store.db, { subscriptionId: subscription.id });
    assert.equal(delivery!.status, 'failed');
    assert.equal(delivery!.attempts, MAX_ATTEMPTS);
    assert.equal(delivery!.nextAttemptAt, null);
    assert.match(delivery!.lastError!, /answered 503/);
    tick(24 * 3600_000);
    assert.equal((await run()).attempted, 0, 'no more attempts');
    assert.equal(take().length, MAX_ATTEMPTS);
    await setSubscriptionActive(store.db, subscription.id, false, testActor());

    // Nobody listening on the port.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await addSubscription(store.db, { url: `http://127.0.0.1:${port}/hook`, events: ['publish'] }, testActor(), LOCAL);
    await addStory(store.db, {});
    assert.equal((await run()).delivered, 0);
    const [refused] = await listDeliveries(store.db, { subscriptionId: unreachable.subscription.id });
    assert.equal(refused!.status, 'pending');
    assert.equal(refused!.lastStatus, null);
    assert.match(refused!.lastError!, /the connection was refused/);
    await setSubscriptionActive(store.db, unreachable.subscription.id, false, testActor());
  });

  it('a disabled subscription gets nothing new', async () => {
    const { subscription } = await addSubscription(store.db, { url: `${base}/off` }, testActor(), LOCAL);
    await setSubscriptionActive(store.db, subscription.id, false, testActor());
    await addStory(store.db, {});
    await run();
    assert.deepEqual(await listDeliveries(store.db, { subscriptionId: subscription.id }), []);
    assert.deepEqual(take(), []);
  });

  it('tells a WebSub hub (a local fake) which feeds changed when a story goes out, and only then', async () => {
    const hub = `${base}/hub`;
    answers.set('/hub', [204, 204, 204, 503, 503, 503]);
    const story = await addStory(store.db, { headline: 'Harbour pilots strike' }, { status: 'draft' });
    assert.deepEqual((await runWebhooksOnce(store.db, SITE, { now: now(), websubHub: hub })).hubPinged, [], 'a draft changes no feed');
    await publishArticle(store.db, story.id, { actor });
    const summary = await runWebhooksOnce(store.db, SITE, { now: now(), websubHub: hub });
    const pings = take();
    assert.deepEqual(
      pings.map((r) => r.path),
      ['/hub', '/hub', '/hub'],
    );
    for (const r of pings) assert.equal(r.headers['content-type'], 'application/x-www-form-urlencoded');
    const told = pings.map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    assert.deepEqual(
      told.map((f) => f['hub.mode']),
      ['publish', 'publish', 'publish'],
    );
    assert.deepEqual(told.map((f) => f['hub.url']).sort(), [`${SITE}/atom.xml`, `${SITE}/feed.json`, `${SITE}/rss.xml`]);
    assert.ok(summary.hubPinged.every((p) => p.ok && p.status === 204));
    // Nothing new: the hub hears nothing.
    await runWebhooksOnce(store.db, SITE, { now: now(), websubHub: hub });
    assert.deepEqual(take(), []);
    // A hub that fails is reported, not retried in a loop; the takedown is still dispatched.
    await unpublishArticle(store.db, story.id, { actor });
    const failed = await runWebhooksOnce(store.db, SITE, { now: now(), websubHub: hub });
    assert.equal(failed.events, 1);
    assert.deepEqual(
      failed.hubPinged.map((p) => [p.ok, p.status]),
      [
        [false, 503],
        [false, 503],
        [false, 503],
      ],
    );
    take();
  });

  it('the newsroom screen is for admins: add (secret shown once), see deliveries, disable', async () => {
    const app: FastifyInstance = await testApp(testDb, store, { OUTBOUND_ALLOW: '127.0.0.1' });
    try {
      const users = {} as Record<'admin' | 'editor' | 'writer', DeskUser>;
      for (const role of ['admin', 'editor', 'writer'] as const) users[role] = await deskUser(store.db, role);
      const admin = await users.admin.session();
      for (const role of ['editor', 'writer'] as const) {
        const session = await users[role].session();
        assert.equal((await get(app, '/newsroom/webhooks', session)).statusCode, 403, role);
        assert.equal((await post(app, '/newsroom/webhooks', { url: `${base}/x`, events: 'publish' }, session)).statusCode, 403, role);
        assert.doesNotMatch((await get(app, '/newsroom', session)).body, /href="\/newsroom\/webhooks"/, role);
      }
      const signedOut = await get(app, '/newsroom/webhooks');
      assert.equal(signedOut.statusCode, 303);
      assert.equal((await post(app, '/newsroom/webhooks', { url: `${base}/x` })).statusCode, 403);
      assert.match((await get(app, '/newsroom', admin)).body, /href="\/newsroom\/webhooks"/);

      const page = await get(app, '/newsroom/webhooks', admin);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Recent deliveries/);
      // The failed delivery of the previous test, with its attempts and last error.
      assert.match(page.body, /failed/);
      assert.match(page.body, new RegExp(`${MAX_ATTEMPTS} of ${MAX_ATTEMPTS}`));
      assert.match(page.body, /answered 503/);

      const bad = await post(app, '/newsroom/webhooks', { url: 'ftp://example.org/x', events: 'publish' }, admin);
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /url: /);

      const added = await post(app, '/newsroom/webhooks', { url: `${base}/desk`, events: ['publish', 'unpublish'], description: 'Partner <b>site</b>' }, admin);
      assert.equal(added.statusCode, 200);
      const secret = /whsec_[A-Za-z0-9+/=]+/.exec(added.body)?.[0];
      assert.ok(secret, 'the secret is shown');
      assert.match(added.body, /Partner &lt;b/, 'escaped');
      assert.doesNotMatch(added.body, /Partner <b>/);
      const subscription = (await listSubscriptions(store.db)).find((s) => s.url === `${base}/desk`)!;
      assert.deepEqual(subscription.events, ['publish', 'unpublish']);
      assert.equal(subscription.active, true);
      assert.ok(!(await get(app, '/newsroom/webhooks', admin)).body.includes(secret), 'shown only once');

      // It works with that secret.
      await addStory(store.db, { headline: 'From the desk' });
      await run();
      const [request] = take();
      assert.ok(request);
      assert.ok(
        verifyWebhook(
          secret,
          {
            id: String(request.headers['webhook-id']),
            timestamp: String(request.headers['webhook-timestamp']),
            signature: String(request.headers['webhook-signature']),
          },
          request.body,
        ),
      );

      assert.equal((await post(app, `/newsroom/webhooks/${subscription.id}/disable`, {}, admin)).statusCode, 303);
      assert.equal((await listSubscriptions(store.db)).find((s) => s.id === subscription.id)!.active, false);
      assert.equal((await post(app, `/newsroom/webhooks/${subscription.id}/disable`, {}, await users.editor.session())).statusCode, 403);
      assert.equal((await post(app, '/newsroom/webhooks/999999/enable', {}, admin)).statusCode, 404);
    } finally {
      await app.close();
    }
  });
});
