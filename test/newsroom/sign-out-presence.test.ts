import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { markEditing, othersEditing } from '../../src/content/presence.js';
import type { Store } from '../../src/db/connect.js';
import { createSession, findSession, signOut } from '../../src/newsroom/sessions.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { deskUser, post } from './desk.js';
import { openSuite } from '../helpers/suite.js';

/** Signing out ends the session and, in the same command, the person's "editing" marks. */

describeEachDatabase('signing out leaves the stories the person had open', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
  });

  const rowsOf = async (userId: number) =>
    (await store.db.selectFrom('editor_presence').select('article_id').where('user_id', '=', userId).orderBy('article_id').execute()).map((r) => r.article_id);

  it('removes every presence row of the person signing out, and only theirs', async () => {
    const one = await addStory(store.db, {}, { status: 'draft' });
    const two = await addStory(store.db, {}, { status: 'draft' });
    const asha = await deskUser(store.db, 'editor', 'asha');
    const ben = await deskUser(store.db, 'editor', 'ben');
    const now = new Date().toISOString();
    await markEditing(store.db, one.id, { id: asha.id, displayName: 'asha' }, now);
    await markEditing(store.db, two.id, { id: asha.id, displayName: 'asha' }, now);
    await markEditing(store.db, one.id, { id: ben.id, displayName: 'ben' }, now);
    const { token } = await createSession(store.db, asha.id, { ip: '127.0.0.1', userAgent: 'test' });

    // A sign-out without a session (a stale cookie) leaves everyone's marks.
    await signOut(store.db, 'no-such-token', { name: asha.email, userId: asha.id });
    assert.deepEqual(
      await rowsOf(asha.id),
      [one.id, two.id].sort((a, b) => a - b),
    );

    await signOut(store.db, token, { name: asha.email, userId: asha.id });
    assert.equal(await findSession(store.db, token), null);
    assert.deepEqual(await rowsOf(asha.id), [], "Asha's marks are gone at once, not after the window");
    assert.deepEqual(await rowsOf(ben.id), [one.id], "Ben's stay");
    assert.deepEqual(await othersEditing(store.db, one.id, ben.id, now), []);
  });

  it('does so through the sign-out button too', async () => {
    const story = await addStory(store.db, {}, { status: 'draft' });
    const carl = await deskUser(store.db, 'writer', 'carl');
    await markEditing(store.db, story.id, { id: carl.id, displayName: 'carl' });
    const res = await post(app, '/newsroom/sign-out', {}, await carl.session());
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await rowsOf(carl.id), []);
  });
});
