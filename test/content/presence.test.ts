import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { markEditing, othersEditing, PRESENCE_WINDOW_MS, stopEditing } from '../../src/content/presence.js';
import { createUser } from '../../src/content/users.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

describeEachDatabase('who else has a story open', (testDb) => {
  let store: Store;
  before(async () => {
    ({ store } = await openSuite(testDb));
  });

  it('shows each person the others within the window, and forgets them after it or when they leave', async () => {
    const a = await addStory(store.db, {}, { status: 'draft' });
    const asha = await createUser(
      store.db,
      { email: 'asha@example.org', displayName: 'Asha', role: 'editor', password: 'a long enough password' },
      testActor(),
    );
    const ben = await createUser(store.db, { email: 'ben@example.org', displayName: 'Ben', role: 'editor', password: 'a long enough password' }, testActor());
    const t0 = '2026-12-03T10:00:00.000Z';
    assert.deepEqual(await markEditing(store.db, a.id, asha, t0), []);
    const seenByBen = await markEditing(store.db, a.id, ben, '2026-12-03T10:00:20.000Z');
    assert.deepEqual(
      seenByBen.map((o) => [o.displayName, o.seenAt]),
      [['Asha', t0]],
    );
    assert.deepEqual(
      (await othersEditing(store.db, a.id, asha.id, '2026-12-03T10:00:30.000Z')).map((o) => o.displayName),
      ['Ben'],
    );
    // Asha's heartbeat stops: past the window she no longer counts.
    const later = new Date(Date.parse(t0) + PRESENCE_WINDOW_MS + 1000).toISOString();
    assert.deepEqual(await othersEditing(store.db, a.id, ben.id, later), []);
    await stopEditing(store.db, a.id, ben.id);
    assert.deepEqual(await othersEditing(store.db, a.id, asha.id, '2026-12-03T10:00:30.000Z'), []);
  });
});
