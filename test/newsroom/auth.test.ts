import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listArticles } from '../../src/content/articles.js';
import { listAudit } from '../../src/content/audit.js';
import type { Store } from '../../src/db/connect.js';
import { HOST_PREFIX, SESSION_COOKIE } from '../../src/newsroom/cookies.js';
import { SESSION_IDLE_MS, createSession, findSession } from '../../src/newsroom/sessions.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { PASSWORD, deskUser, get, post, type DeskUser } from './desk.js';
import { openSuite } from '../helpers/suite.js';

/** Opens the sign-in form and returns its cookie and token (the double-submit pair). */
async function signInForm(app: FastifyInstance) {
  const res = await get(app, '/newsroom/sign-in');
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)![1]!;
  return { cookie, csrf };
}

describeEachDatabase('newsroom sign-in and sessions', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let editor: DeskUser;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    editor = await deskUser(store.db, 'editor');
  });

  it('signs in with the right password: a new HttpOnly, SameSite=Lax, Secure session cookie, and an audit entry', async () => {
    const form = await signInForm(app);
    const res = await post(app, '/newsroom/sign-in', { email: editor.email.toUpperCase(), password: PASSWORD, next: '/newsroom/articles' }, form);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/newsroom/articles');
    const setCookie = [res.headers['set-cookie']].flat().find((c) => c!.startsWith(`${HOST_PREFIX}${SESSION_COOKIE}=`))!;
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.match(setCookie, /Secure/, 'SITE_URL is https in the test app');
    const token = /=([^;]+)/.exec(setCookie)![1]!;
    assert.ok(await findSession(store.db, token));
    assert.equal((await listAudit(store.db, { action: 'user.sign-in' }))[0]?.actor, editor.email);
  });

  it('does not follow a sign-in "next" outside the newsroom', async () => {
    const form = await signInForm(app);
    const res = await post(app, '/newsroom/sign-in', { email: editor.email, password: PASSWORD, next: '//evil.example/x' }, form);
    assert.equal(res.headers.location, '/newsroom');
  });

  it('refuses a sign-in without the form token', async () => {
    const res = await post(app, '/newsroom/sign-in', { email: editor.email, password: PASSWORD });
    assert.equal(res.statusCode, 403);
  });

  it('refuses every state change without the CSRF token, and changes nothing', async () => {
    const session = await editor.session();
    const before = (await listArticles(store.db, { status: 'draft', limit: 100 })).items.length;
    const res = await post(app, '/newsroom/articles', { kind: 'news', headline: 'Forged', edition: 'global' }, session, false);
    assert.equal(res.statusCode, 403);
    const wrong = await post(app, '/newsroom/articles', { kind: 'news', headline: 'Forged', edition: 'global', _csrf: 'guess' }, session, false);
    assert.equal(wrong.statusCode, 403);
    assert.equal((await listArticles(store.db, { status: 'draft', limit: 100 })).items.length, before);
  });

  it('slows and then locks repeated failed sign-ins per account with 429, even for the right password', async () => {
    const victim = await deskUser(store.db, 'writer', 'victim');
    let status = 0;
    for (let i = 0; i < 6; i++) {
      const form = await signInForm(app);
      status = (await post(app, '/newsroom/sign-in', { email: victim.email, password: 'wrong password!!' }, form)).statusCode;
    }
    assert.equal(status, 429);
    const form = await signInForm(app);
    const locked = await post(app, '/newsroom/sign-in', { email: victim.email, password: PASSWORD }, form);
    assert.equal(locked.statusCode, 429);
    assert.match(locked.body, /Too many failed sign-ins\. Try again in \d+ seconds/);
  });

  it('ends a session after the idle time, and at sign-out', async () => {
    const { token } = await createSession(store.db, editor.id, { ip: '', userAgent: '' }, Date.now() - SESSION_IDLE_MS - 60_000);
    const stale = await get(app, '/newsroom', { cookie: `${HOST_PREFIX}${SESSION_COOKIE}=${token}` });
    assert.equal(stale.statusCode, 303);
    const session = await editor.session();
    assert.equal((await get(app, '/newsroom', session)).statusCode, 200);
    assert.equal((await post(app, '/newsroom/sign-out', {}, session)).statusCode, 303);
    assert.equal((await get(app, '/newsroom', session)).statusCode, 303);
  });

  it('marks every newsroom page noindex and uncacheable', async () => {
    const res = await get(app, '/newsroom', await editor.session());
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /<meta name="robots" content="noindex, nofollow"\/>/);
  });
});
