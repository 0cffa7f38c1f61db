import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Store } from '../../src/db/connect.js';
import { LEASE_MS } from '../../src/webhooks/deliveries.js';
import { parseAllowList } from '../../src/net/address-policy.js';
import { addSubscription } from '../../src/webhooks/subscriptions.js';
import { describeEachDatabase, TestDatabase } from '../helpers/databases.js';
import { addStory, smallTaxonomy, testActor } from '../helpers/fixtures.js';
import { random, startChild, until } from '../helpers/kill.js';

/*
 * A process publishing stories with a webhook receiver registered, killed with SIGKILL at random
 * moments (while publishing, fanning out or with requests in flight), restarted and left to
 * finish, ends as a run that was never killed: every story published once with one publication
 * event and one delivery, delivered. The receiver gets every event, at least once as the README
 * says: a request in flight at the kill is sent again after the restart with the same
 * webhook-id, so the receiver can drop the repeat; nothing else is repeated.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = 'https://news.example.org';
const STORIES = 40;
const KILLS = 3;
/** Requests the dispatcher has in flight at once (dispatcher.ts), so the most a kill can repeat. */
const IN_FLIGHT = 8;
const KILL_SEED = Number(process.env.CRASH_SEED ?? 9001);

interface Received {
  id: string;
  event: string;
  headline: string;
}

describeEachDatabase('faults: publishing with webhooks, killed', (testDb) => {
  const databases: TestDatabase[] = [];
  const received = new Map<string, Received[]>();
  let receiver: http.Server;
  /** Told when a request has arrived, before it is answered. */
  let arrived: (() => void) | null = null;
  let base = '';

  before(async () => {
    // A receiver that takes a delivery only when it can answer it (it works for 40 ms first, so
    // kills find requests in flight): one whose sender went away meanwhile is not taken.
    receiver = http.createServer((req, res) => {
      let body = '';
      let senderGone = false;
      res.on('close', () => (senderGone = !res.writableFinished));
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        arrived?.();
        setTimeout(() => {
          if (senderGone) return;
          const payload = JSON.parse(body) as { event: string; item: { headlines: { value: string }[] } };
          const list = received.get(req.url!) ?? [];
          received.set(req.url!, list);
          list.push({ id: String(req.headers['webhook-id']), event: payload.event, headline: payload.item.headlines[0]!.value });
          res.writeHead(200).end('ok');
        }, 40);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    for (const db of databases) await db.destroy();
  });

  async function newsroom(label: string): Promise<{ db: TestDatabase; store: Store }> {
    const db = new TestDatabase(testDb.kind);
    databases.push(db);
    await db.create();
    const store = await db.open();
    await smallTaxonomy(store.db);
    await addSubscription(store.db, { url: `${base}/${label}`, events: ['publish', 'update', 'unpublish'] }, testActor(), {
      allow: parseAllowList('127.0.0.1'),
    });
    for (let i = 0; i < STORIES; i++) await addStory(store.db, { headline: `Webhook story ${String(i).padStart(2, '0')}` }, { status: 'draft' });
    return { db, store };
  }

  const child = (db: TestDatabase, offsetMs = 0) =>
    startChild(path.join(here, 'publish-child.ts'), { ...db.env, SITE_URL: SITE, CLOCK_OFFSET_MS: String(offsetMs), OUTBOUND_ALLOW: '127.0.0.1' });

  /** Story by story (by headline: ids and times differ): its state, events and deliveries. */
  async function snapshot(store: Store) {
    const articles = await store.db.selectFrom('articles').select(['id', 'headline', 'status', 'version']).orderBy('headline').execute();
    const events = await store.db.selectFrom('publication_events').select(['article_id', 'article_version', 'event', 'dispatched_at']).execute();
    const deliveries = await store.db.selectFrom('webhook_deliveries').select(['article_id', 'event', 'status']).execute();
    const revisions = await store.db.selectFrom('article_revisions').select(['article_id']).execute();
    return articles.map((a) => ({
      headline: a.headline,
      status: a.status,
      version: a.version,
      events: events.filter((e) => e.article_id === a.id).map((e) => `${e.event} v${e.article_version}${e.dispatched_at ? ' dispatched' : ''}`),
      deliveries: deliveries.filter((d) => d.article_id === a.id).map((d) => `${d.event} ${d.status}`),
      revisions: revisions.filter((r) => r.article_id === a.id).length,
    }));
  }

  /** What the receiver got for one newsroom: each story's event ids, and how many were repeats. */
  function arrivals(label: string) {
    const list = received.get(`/${label}`) ?? [];
    const idsByStory = new Map<string, Set<string>>();
    for (const r of list) idsByStory.set(`${r.headline} ${r.event}`, (idsByStory.get(`${r.headline} ${r.event}`) ?? new Set()).add(r.id));
    return {
      stories: [...idsByStory].map(([story, ids]) => `${story} ×${ids.size} id`).sort(),
      requests: list.length,
      repeats: list.length - new Set(list.map((r) => r.id)).size,
    };
  }

  it('publishes and delivers every story once (a request in flight at the kill again, same webhook-id)', async (t) => {
    const reference = await newsroom('reference');
    const whole = await child(reference.db).result;
    assert.equal(whole.code, 0, whole.stderr);

    const crashed = await newsroom('crashed');
    const rand = random(KILL_SEED);
    const kills: string[] = [];
    const got = () => (received.get('/crashed') ?? []).length;
    for (let k = 0; k < KILLS; k++) {
      const before = got();
      // Each restart comes after the killed run's leases have run out (time injected, not waited).
      const run = child(crashed.db, k * (LEASE_MS + 1000));
      await until(run, async () => got() > before);
      // Every other kill lands with a request in flight (the receiver has it, not yet answered);
      // the others at a random moment (publishing, fanning out, claiming or sending).
      const inFlight = k % 2 === 0;
      const delayMs = inFlight ? 0 : Math.floor(rand() * 400);
      if (inFlight) await Promise.race([new Promise<void>((resolve) => (arrived = resolve)), run.result]);
      else await Promise.race([sleep(delayMs), run.result]);
      arrived = null;
      run.kill();
      const result = await run.result;
      const published = (await crashed.store.db.selectFrom('articles').select('id').where('status', '=', 'published').execute()).length;
      kills.push(
        `${result.signal === 'SIGKILL' ? (inFlight ? 'killed with a request in flight' : `killed ${delayMs} ms after a delivery was taken`) : `finished (${result.code})`}: ${published} published, ${got()} requests received`,
      );
      assert.ok(result.signal === 'SIGKILL' || result.code === 0, result.stderr);
    }
    t.diagnostic(kills.join('; '));
    assert.ok(
      kills.some((k) => k.startsWith('killed') && !k.includes(`: ${STORIES} published`)),
      `no kill landed while publishing: ${kills.join('; ')}`,
    );
    const last = await child(crashed.db, KILLS * (LEASE_MS + 1000)).result;
    assert.equal(last.code, 0, last.stderr);

    const [want, have] = [await snapshot(reference.store), await snapshot(crashed.store)];
    for (const s of have) {
      assert.equal(s.status, 'published', s.headline);
      assert.deepEqual(s.events, [`publish v${s.version} dispatched`], `${s.headline}: one publication event`);
      assert.deepEqual(s.deliveries, ['publish delivered'], `${s.headline}: one delivery, delivered`);
    }
    assert.deepEqual(have, want);

    const [plain, killed] = [arrivals('reference'), arrivals('crashed')];
    t.diagnostic(`receiver: uninterrupted run ${plain.requests} requests, killed runs ${killed.requests} requests (${killed.repeats} repeats of a webhook-id)`);
    assert.equal(plain.repeats, 0);
    assert.equal(plain.stories.length, STORIES);
    // Every story's event arrived under one webhook-id, in the killed runs as in the other.
    assert.deepEqual(killed.stories, plain.stories);
    assert.ok(killed.repeats <= KILLS * IN_FLIGHT, `at most the requests in flight at each kill are repeated (${killed.repeats})`);
  });
});
