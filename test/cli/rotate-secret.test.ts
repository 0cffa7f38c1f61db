import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createUser } from '../../src/content/users.js';
import { newsletterSecret, signLink, verifyLink } from '../../src/newsletter/tokens.js';
import { createSession, findSession } from '../../src/newsroom/sessions.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';

describeEachDatabase('wiredesk rotate-secret', (testDb) => {
  it('newsletter: links signed before stop working, new ones work, and it is audited', async () => {
    const before = await testDb.open();
    const oldLink = signLink(await newsletterSecret(before.db), 'manage', 7);
    const { code, stdout } = await runCli(['rotate-secret', 'newsletter'], testDb.env);
    assert.equal(code, 0);
    assert.match(stdout, /new signing secret; restart the server/);
    const after = await testDb.open(); // a process started after the rotation
    const secret = await newsletterSecret(after.db);
    assert.deepEqual(verifyLink(secret, 'manage', oldLink), { ok: false, reason: 'invalid' });
    assert.equal(verifyLink(secret, 'manage', signLink(secret, 'manage', 7)).ok, true);
    const audit = await after.db.selectFrom('audit_log').select(['action', 'subject', 'actor']).where('action', '=', 'secret.rotate').execute();
    assert.deepEqual(
      audit.map((a) => a.subject),
      ['newsletter links'],
    );
    assert.match(audit[0]!.actor, /^cli:/);
  });

  it('sessions: every signed-in person is signed out, audited with the count', async () => {
    const store = await testDb.open();
    const user = await createUser(
      store.db,
      { email: 'rotate@example.org', displayName: 'Rotate', role: 'editor', password: 'a long enough password' },
      testActor(),
    );
    const sessions = [
      await createSession(store.db, user.id, { ip: '127.0.0.1', userAgent: 'a' }),
      await createSession(store.db, user.id, { ip: '127.0.0.1', userAgent: 'b' }),
    ];
    for (const s of sessions) assert.ok(await findSession(store.db, s.token));
    const { code, stdout } = await runCli(['rotate-secret', 'sessions'], testDb.env);
    assert.equal(code, 0);
    assert.match(stdout, /^Ended 2 newsroom sessions/);
    for (const s of sessions) assert.equal(await findSession(store.db, s.token), null);
    const audit = await store.db.selectFrom('audit_log').select('detail').where('subject', '=', 'sessions').execute();
    assert.deepEqual(
      audit.map((a) => a.detail),
      ['2 sessions ended'],
    );
  });

  it('refuses anything else with exit code 2', async () => {
    const { code, stderr } = await runCli(['rotate-secret', 'everything'], testDb.env);
    assert.equal(code, 2);
    assert.match(stderr, /takes "newsletter" or "sessions", not "everything"/);
  });
});
