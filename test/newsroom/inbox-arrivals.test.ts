import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { setUserDisabled } from '../../src/content/users.js';
import type { DB, Store } from '../../src/db/connect.js';
import { watchArrivals } from '../../src/newsroom/inbox-arrivals.js';
import { createSession, SESSION_IDLE_MS, signOut } from '../../src/newsroom/sessions.js';
import { ingestWireItem } from '../../src/wire/ingest.js';
import { newestItemId } from '../../src/wire/triage.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';
import { wire } from '../helpers/wire.js';
import { deskUser } from './desk.js';
import { openSuite } from '../helpers/suite.js';

/*
 * The inbox's live arrivals (src/newsroom/inbox-arrivals.ts): one watcher for every open
 * stream, one newest-item read per tick whatever the number of streams, and each tick ends the
 * streams whose session ended. Its timer and clock are the test's: no sleeps.
 */

describeEachDatabase('the inbox arrivals watcher', (testDb) => {
  let store: Store;
  before(async () => {
    ({ store } = await openSuite(testDb));
  });

  /** The database as the watcher sees it, counting the queries on the wire items and on sessions. */
  function counted(db: DB) {
    const seen = { wire: 0, sessions: 0 };
    const plugin: KyselyPlugin = {
      transformQuery({ node }) {
        const text = JSON.stringify(node);
        if (text.includes('"wire_items"')) seen.wire++;
        if (text.includes('"sessions"')) seen.sessions++;
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    return { db: db.withPlugin(plugin) as DB, seen, reset: () => Object.assign(seen, { wire: 0, sessions: 0 }) };
  }

  it('serves every open stream from one poll, counts once per starting point, and ends the streams whose session ended', async () => {
    await ingestWireItem(store.db, wire('p1-e001-a'));
    const older = await newestItemId(store.db);
    await ingestWireItem(store.db, wire('p1-e002-a'));
    await ingestWireItem(store.db, wire('p1-e003-a'));
    const newest = await newestItemId(store.db);

    const watched = counted(store.db);
    let timers = 0;
    let timerStopped = 0;
    let clock = Date.now();
    const watcher = watchArrivals(watched.db, {
      every: () => {
        timers++;
        return () => timerStopped++;
      },
      now: () => clock,
    });

    const ann = await deskUser(store.db, 'editor', 'ann');
    const ben = await deskUser(store.db, 'editor', 'ben');
    const cara = await deskUser(store.db, 'writer', 'cara');
    const token = async (user: { id: number }) => (await createSession(store.db, user.id, { ip: '127.0.0.1', userAgent: 'test' })).token;
    const tokens = { ann1: await token(ann), ann2: await token(ann), ben: await token(ben), cara: await token(cara) };
    const told: Record<string, number[]> = {};
    const ended: string[] = [];
    const open = (name: string, sinceId: number, sessionToken: string) => {
      told[name] = [];
      const unsubscribe = watcher.subscribe({
        sinceId,
        sessionToken,
        tell: (count) => told[name]!.push(count),
        end: () => {
          ended.push(name);
          unsubscribe();
        },
      });
    };
    // Three pages opened before the last two stories came, two after (Cara has two tabs).
    open('ann-tab', older, tokens.ann1);
    open('ann-other-browser', older, tokens.ann2);
    open('ben', older, tokens.ben);
    open('cara-tab-1', newest, tokens.cara);
    open('cara-tab-2', newest, tokens.cara);
    await watcher.settled();
    assert.equal(timers, 1, 'one timer for all the streams');
    assert.deepEqual(told, { 'ann-tab': [2], 'ann-other-browser': [2], ben: [2], 'cara-tab-1': [], 'cara-tab-2': [] });

    // A tick with nothing new: one read of the newest item and one of the sessions, for five streams.
    watched.reset();
    await watcher.tick();
    assert.deepEqual(watched.seen, { wire: 1, sessions: 1 });
    assert.deepEqual(ended, []);

    // New copy: each starting point is counted once, and every stream is told.
    watched.reset();
    await ingestWireItem(store.db, wire('p1-e004-a')); // the ingest's signal makes the watcher look
    await watcher.settled();
    assert.deepEqual(watched.seen, { wire: 3, sessions: 0 }, 'the newest item, and one count for each of the two starting points');
    assert.deepEqual(told, { 'ann-tab': [2, 3], 'ann-other-browser': [2, 3], ben: [2, 3], 'cara-tab-1': [1], 'cara-tab-2': [1] });

    // Ann signs out in one browser: that stream ends on the next tick, her other one stays.
    await signOut(store.db, tokens.ann1, { name: 'ann', userId: ann.id });
    assert.deepEqual(ended, [], 'nothing ends before the tick');
    await watcher.tick();
    assert.deepEqual(ended, ['ann-tab']);
    // Cara's account is disabled: both her tabs end.
    await setUserDisabled(store.db, cara.id, true, testActor());
    await watcher.tick();
    assert.deepEqual(ended, ['ann-tab', 'cara-tab-1', 'cara-tab-2']);
    assert.equal(watcher.open, 2);
    // The rest expire when nobody used the desk for the idle time (the stream does not extend them).
    clock += SESSION_IDLE_MS + 1000;
    await watcher.tick();
    assert.deepEqual(ended.slice(3).sort(), ['ann-other-browser', 'ben']);
    assert.equal(watcher.open, 0);
    assert.equal(timerStopped, 1, 'the timer stops with the last stream');
    watcher.stop();
  });
});
