import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { listAudit } from '../../src/content/audit.js';
import { setUserDisabled, verifyPassword } from '../../src/content/users.js';
import type { Store } from '../../src/db/connect.js';
import type { MailMessage } from '../../src/mail/mailer.js';
import { PASSWORD_RESET_RATE_LIMITS } from '../../src/newsroom/password-reset-routes.js';
import { HOST_PREFIX, SESSION_COOKIE } from '../../src/newsroom/cookies.js';
import { findSession } from '../../src/newsroom/sessions.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';
import { appWithMail, startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { PASSWORD, deskUser, type DeskUser } from './desk.js';
import { openSuite } from '../helpers/suite.js';

const NEW_PASSWORD = 'a brand new passphrase';
let nextIp = 1;
const someAddress = () => `192.0.2.${nextIp++}`;

/** A browser: keeps the newsroom's form cookie between a GET and the POST of its form. */
async function openForm(app: FastifyInstance, url: string, ip: string) {
  const res = await app.inject({ url, remoteAddress: ip });
  const cookie = [res.headers['set-cookie']]
    .flat()
    .find((c) => c?.startsWith('__Host-wd_signin='))
    ?.split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  return { res, cookie, csrf };
}

/** Opens the form at `formUrl` (the target itself by default) and posts it to `url`. */
async function submit(app: FastifyInstance, url: string, fields: Record<string, string>, ip = someAddress(), formUrl = url) {
  const form = await openForm(app, formUrl, ip);
  assert.ok(form.cookie && form.csrf, `${url} has a form`);
  return app.inject({
    method: 'POST',
    url,
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
    payload: new URLSearchParams({ _csrf: form.csrf, ...fields }).toString(),
  });
}

const askForLink = (app: FastifyInstance, email: string, ip?: string) => submit(app, '/newsroom/forgot-password', { email }, ip);

/** The reset link in a received message, as a path on the site. */
function linkIn(mail: ParsedMail): string {
  const url = /https:\/\/news\.example\.org(\/newsroom\/reset-password\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  assert.ok(url, 'the mail carries a reset link');
  return url;
}

describeEachDatabase('newsroom password reset', (testDb) => {
  let store: Store;
  let smtp: TestSmtp;
  let app: FastifyInstance;
  let sent: MailMessage[];

  before(async () => {
    ({ store } = await openSuite(testDb));
    smtp = await startSmtp();
    ({ app, sent } = await appWithMail(testDb, store, smtp.url));
  });
  after(async () => {
    await app.close();
    await smtp.close();
  });

  /** Asks for a link for `user` and returns it from the mail the SMTP server received. */
  async function linkFor(user: DeskUser): Promise<string> {
    const res = await askForLink(app, user.email.toUpperCase());
    assert.equal(res.statusCode, 200);
    const mail = await smtp.nextTo(user.email);
    assert.match(mail.subject ?? '', /new password/);
    return linkIn(mail);
  }

  it('the sign-in page links to "Forgot your password?"', async () => {
    const res = await app.inject('/newsroom/sign-in');
    assert.match(res.body, /<a href="\/newsroom\/forgot-password">Forgot your password\?<\/a>/);
  });

  it('a link sets a new password once, ends every session of the user, and is audited', async () => {
    const user = await deskUser(store.db, 'editor', 'resetter');
    const sessions = [await user.session(), await user.session()];
    const link = await linkFor(user);
    // Only the token's hash is stored.
    const token = link.split('/').at(-1)!;
    const rows = await store.db.selectFrom('password_resets').select('token_hash').where('user_id', '=', user.id).execute();
    assert.deepEqual(
      rows.map((r) => r.token_hash),
      [createHash('sha256').update(token).digest('hex')],
    );

    const form = await app.inject(link);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Set a new password/);
    assert.equal((await submit(app, link, { password: NEW_PASSWORD, password2: 'something else entirely' })).statusCode, 422, 'the two must match');
    const short = await submit(app, link, { password: 'short', password2: 'short' });
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /at least 12 characters/);

    const done = await submit(app, link, { password: NEW_PASSWORD, password2: NEW_PASSWORD });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Your password has been changed/);
    assert.ok(await verifyPassword(store.db, user.email, NEW_PASSWORD));
    assert.equal(await verifyPassword(store.db, user.email, PASSWORD), null);
    for (const s of sessions) assert.equal(await findSession(store.db, s.cookie.slice(`${HOST_PREFIX}${SESSION_COOKIE}=`.length)), null, 'sessions ended');
    const audit = (await listAudit(store.db, { action: 'user.password-reset' }))[0];
    assert.equal(audit?.userId, user.id);

    // A second use of the same link fails and changes nothing.
    assert.equal((await app.inject(link)).statusCode, 410);
    const again = await submit(
      app,
      link,
      { password: 'yet another passphrase', password2: 'yet another passphrase' },
      someAddress(),
      '/newsroom/forgot-password',
    );
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /no longer works/);
    assert.ok(await verifyPassword(store.db, user.email, NEW_PASSWORD));
  });

  it('an expired link fails', async () => {
    const user = await deskUser(store.db, 'writer', 'slow');
    const link = await linkFor(user);
    await store.db
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', user.id)
      .execute();
    assert.equal((await app.inject(link)).statusCode, 410);
    assert.equal((await submit(app, link, { password: NEW_PASSWORD, password2: NEW_PASSWORD }, someAddress(), '/newsroom/forgot-password')).statusCode, 410);
    assert.ok(await verifyPassword(store.db, user.email, PASSWORD), 'the password is unchanged');
  });

  it('a newer link replaces the older one, and an unknown or mangled token fails', async () => {
    const user = await deskUser(store.db, 'writer', 'twice');
    const first = await linkFor(user);
    const second = await linkFor(user);
    assert.notEqual(first, second);
    assert.equal((await app.inject(first)).statusCode, 410);
    assert.equal((await app.inject(second)).statusCode, 200);
    const mangled = `${second.slice(0, -1)}${second.endsWith('A') ? 'B' : 'A'}`;
    assert.equal((await app.inject(mangled)).statusCode, 410);
    assert.equal((await app.inject('/newsroom/reset-password/x')).statusCode, 410);
  });

  it('gives an unknown email and a disabled account the same answer as a real one, and sends them no mail', async () => {
    const known = await deskUser(store.db, 'writer', 'known');
    const disabled = await deskUser(store.db, 'editor', 'gone');
    await setUserDisabled(store.db, disabled.id, true, testActor());
    const count = sent.length;
    const unknownAnswer = await askForLink(app, 'nobody-here@example.org');
    const disabledAnswer = await askForLink(app, disabled.email);
    assert.equal(sent.length, count, 'no mail for either');
    const knownAnswer = await askForLink(app, known.email);
    assert.equal(sent.length, count + 1);
    for (const res of [unknownAnswer, disabledAnswer]) {
      assert.equal(res.statusCode, knownAnswer.statusCode);
      assert.equal(res.body, knownAnswer.body);
    }
    assert.match(knownAnswer.body, /Check your email/);
    // A disabled account's older link stops working too.
    await setUserDisabled(store.db, disabled.id, false, testActor());
    await askForLink(app, disabled.email);
    const link = linkIn(await smtp.nextTo(disabled.email));
    await setUserDisabled(store.db, disabled.id, true, testActor());
    assert.equal((await app.inject(link)).statusCode, 410);
    assert.equal((await submit(app, link, { password: NEW_PASSWORD, password2: NEW_PASSWORD }, someAddress(), '/newsroom/forgot-password')).statusCode, 410);
    assert.equal(
      (await listAudit(store.db, { action: 'user.password-reset-refused' })).some((e) => e.detail.startsWith('unknown account')),
      true,
    );
  });

  it('limits requests per account and per address, with the same limit for unknown addresses', async () => {
    const user = await deskUser(store.db, 'writer', 'limited');
    const count = sent.length;
    for (let i = 0; i < PASSWORD_RESET_RATE_LIMITS.account.limit; i++) assert.equal((await askForLink(app, user.email)).statusCode, 200);
    assert.equal(sent.length, count + PASSWORD_RESET_RATE_LIMITS.account.limit);
    const over = await askForLink(app, user.email);
    assert.equal(over.statusCode, 429);
    assert.match(over.body, /Too many requests/);
    assert.equal(sent.length, count + PASSWORD_RESET_RATE_LIMITS.account.limit, 'no mail over the limit');
    for (let i = 0; i < PASSWORD_RESET_RATE_LIMITS.account.limit; i++) await askForLink(app, 'no-account@example.org');
    assert.equal((await askForLink(app, 'no-account@example.org')).statusCode, 429, 'an unknown address is limited alike');

    const ip = someAddress();
    for (let i = 0; i < PASSWORD_RESET_RATE_LIMITS.address.limit; i++) assert.equal((await askForLink(app, `probe${i}@example.org`, ip)).statusCode, 200);
    assert.equal((await askForLink(app, 'probe-last@example.org', ip)).statusCode, 429);
  });

  it('refuses the forms without their CSRF token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/newsroom/forgot-password',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=someone%40example.org',
    });
    assert.equal(res.statusCode, 403);
  });
});
