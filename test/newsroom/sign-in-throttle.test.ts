import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../../src/content/audit.js';
import type { Store } from '../../src/db/connect.js';
import { admitAttempt } from '../../src/newsroom/throttle.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { PASSWORD, deskUser } from './desk.js';
import { openSuite } from '../helpers/suite.js';

/** The sign-in form's double-submit pair is any equal cookie and field. */
const FORM = { cookie: '__Host-wd_signin=form-token', csrf: 'form-token' };

describeEachDatabase('sign-in lock-out under parallel attempts', (testDb) => {
  let store: Store;
  let app: FastifyInstance;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
  });

  const signIn = (email: string, password: string, remoteAddress: string) =>
    app.inject({
      method: 'POST',
      url: '/newsroom/sign-in',
      remoteAddress,
      payload: new URLSearchParams({ _csrf: FORM.csrf, email, password }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: FORM.cookie },
    });
  const failedChecks = async (email: string) =>
    (await listAudit(store.db, { action: 'user.sign-in-failed', limit: 200 })).filter((e) => e.actor === email).length;
  const sessionsOf = async (userId: number) => (await store.db.selectFrom('sessions').select('user_id').where('user_id', '=', userId).execute()).length;

  it('checks at most six of 50 parallel wrong guesses, and the right password sent in the same burst does not sign in', async () => {
    const victim = await deskUser(store.db, 'writer', 'burst');
    const wrong = Array.from({ length: 50 }, (_, i) => signIn(victim.email, `wrong password ${i}`, '203.0.113.10'));
    const right = signIn(victim.email, PASSWORD, '203.0.113.10');
    const answers = await Promise.all([...wrong, right]);
    const rightAnswer = answers.at(-1)!;
    assert.equal(rightAnswer.statusCode, 429, 'the right password after 50 guesses is refused');
    assert.match(rightAnswer.body, /Too many failed sign-ins\. Try again in \d+ seconds/);
    assert.ok(answers.slice(0, 50).every((a) => a.statusCode === 401 || a.statusCode === 429));
    assert.ok(answers.slice(0, 50).filter((a) => a.statusCode === 429).length >= 44);
    // Only the attempts under the limit reached the password check (each check is audited).
    // (Six on one key; on PostgreSQL the account's and the address's counts may interleave, so fewer.)
    const checked = await failedChecks(victim.email);
    assert.ok(checked >= 1 && checked <= 6, `${checked} guesses were checked`);
    assert.equal(await sessionsOf(victim.id), 0);
    // Still locked afterwards, for the right password from another address too.
    assert.equal((await signIn(victim.email, PASSWORD, '198.51.100.20')).statusCode, 429);
    assert.equal(await sessionsOf(victim.id), 0);
  });

  it('locks an address that sprays guesses over many accounts in parallel', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => deskUser(store.db, 'writer', `spray${i}`)));
    const answers = await Promise.all(
      people.flatMap((p) => [signIn(p.email, 'wrong guess one', '203.0.113.11'), signIn(p.email, 'wrong guess two', '203.0.113.11')]),
    );
    assert.ok(answers.every((a) => a.statusCode === 401 || a.statusCode === 429));
    const checked = (await listAudit(store.db, { action: 'user.sign-in-failed', limit: 200 })).filter((e) => e.detail === 'from 203.0.113.11').length;
    assert.ok(checked >= 1 && checked <= 6, `${checked} guesses were checked`);
    const late = await deskUser(store.db, 'writer', 'late');
    assert.equal((await signIn(late.email, PASSWORD, '203.0.113.11')).statusCode, 429, 'the address is locked');
    assert.equal((await signIn(late.email, PASSWORD, '203.0.113.12')).statusCode, 303, 'another address is not');
  });

  it('lets colleagues behind one address sign in many times, between a few mistakes', async () => {
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => deskUser(store.db, 'writer', `office${i}`)));
    for (const [i, p] of people.entries()) {
      if (i % 3 === 0) assert.equal((await signIn(p.email, 'mistyped password', '203.0.113.13')).statusCode, 401);
      assert.equal((await signIn(p.email, PASSWORD, '203.0.113.13')).statusCode, 303, `sign-in ${i + 1}`);
    }
  });

  it('admits exactly six of 50 parallel attempts on one key, then nothing until the lock ends', async () => {
    const now = Date.parse('2026-01-01T10:00:00.000Z');
    const results = await Promise.all(Array.from({ length: 50 }, () => admitAttempt(store.db, ['account:parallel@example.org'], now)));
    assert.equal(results.filter((r) => r.admitted).length, 6);
    assert.ok(results.every((r) => r.admitted || r.waitSeconds === 30));
    assert.equal((await admitAttempt(store.db, ['account:parallel@example.org'], now + 29_000)).admitted, false);
    assert.equal((await admitAttempt(store.db, ['account:parallel@example.org'], now + 30_000)).admitted, true, 'one more after the lock');
    const next = await admitAttempt(store.db, ['account:parallel@example.org'], now + 30_001);
    assert.deepEqual(next, { admitted: false, waitSeconds: 60 }, 'which doubled it');
    assert.equal((await admitAttempt(store.db, ['account:parallel@example.org'], now + 16 * 60_000)).admitted, true, 'a new window');
  });
});
