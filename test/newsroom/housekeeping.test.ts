import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Store } from '../../src/db/connect.js';
import { keepHouse } from '../../src/newsroom/housekeeping.js';
import { createSession, findSession, SESSION_MAX_MS } from '../../src/newsroom/sessions.js';
import { admitAttempt } from '../../src/newsroom/throttle.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { deskUser } from './desk.js';
import { openSuite } from '../helpers/suite.js';

const MINUTE = 60_000;
const client = { ip: '203.0.113.5', userAgent: 'test' };

describeEachDatabase('housekeeping', (testDb) => {
  let store: Store;
  before(async () => {
    ({ store } = await openSuite(testDb));
  });
  const keys = async () => (await store.db.selectFrom('sign_in_failures').select('key').orderBy('key').execute()).map((r) => r.key);

  it('drops ended sessions and sign-in counts that decide nothing any more, and keeps the rest', async () => {
    const now = Date.parse('2026-12-03T12:00:00.000Z');
    const user = await deskUser(store.db, 'editor', 'housekeeping');
    const ended = await createSession(store.db, user.id, client, now - SESSION_MAX_MS - MINUTE);
    const live = await createSession(store.db, user.id, client, now - MINUTE);

    // An address that tried once an hour ago, one that tried a minute ago, and one whose
    // doubling lock, set late in its window, lasts beyond it.
    await admitAttempt(store.db, ['address:old'], now - 60 * MINUTE);
    await admitAttempt(store.db, ['address:recent'], now - MINUTE);
    const lockedUntil = new Date(now + 5 * MINUTE).toISOString();
    await store.db
      .insertInto('sign_in_failures')
      .values({ key: 'address:locked', failures: 10, first_failure_at: new Date(now - 20 * MINUTE).toISOString(), locked_until: lockedUntil })
      .execute();

    const dropped = await keepHouse(store.db, now);
    assert.equal(dropped.sessions, 1);
    assert.equal(dropped.signInAttempts, 1);
    assert.deepEqual(await keys(), ['address:locked', 'address:recent']);
    assert.equal(await findSession(store.db, ended.token, now), null);
    assert.ok(await findSession(store.db, live.token, now));
    // The lock still holds after housekeeping, and once it is over the count goes too.
    assert.equal((await admitAttempt(store.db, ['address:locked'], now)).admitted, false);
    await keepHouse(store.db, Date.parse(lockedUntil) + 1);
    assert.deepEqual(await keys(), ['address:recent']);
  });
});
