import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../src/db/connect.js';
import { createSession, findSession } from '../../src/newsroom/sessions.js';
import { viewsBeaconPath } from '../../src/presentation/urls.js';
import { testApp } from '../helpers/app.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { PASSWORD, deskUser, type DeskUser } from './desk.js';
import { openSuite } from '../helpers/suite.js';

const setCookies = (res: { headers: Record<string, unknown> }) => [res.headers['set-cookie'] ?? []].flat().map(String);
const named = (res: { headers: Record<string, unknown> }, name: string) => setCookies(res).find((c) => c.startsWith(`${name}=`));

/** Opens the sign-in form; its cookie pair (name=value) and token. */
async function signInForm(app: FastifyInstance, headers: Record<string, string> = {}) {
  const res = await app.inject({ url: '/newsroom/sign-in', headers });
  const cookie = setCookies(res).find((c) => /wd_signin=/.test(c))!;
  return { setCookie: cookie, cookie: cookie.split(';')[0]!, csrf: /name="_csrf" value="([^"]+)"/.exec(res.body)![1]! };
}

async function signIn(app: FastifyInstance, email: string, headers: Record<string, string> = {}) {
  const form = await signInForm(app, headers);
  return {
    form,
    res: await app.inject({
      method: 'POST',
      url: '/newsroom/sign-in',
      payload: new URLSearchParams({ _csrf: form.csrf, email, password: PASSWORD }).toString(),
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
    }),
  };
}

describeEachDatabase('newsroom cookies: __Host- over https, plain over http', (testDb) => {
  let store: Store;
  let httpsApp: FastifyInstance;
  let httpApp: FastifyInstance;
  let editor: DeskUser;

  before(async () => {
    ({ store } = await openSuite(testDb));
    editor = await deskUser(store.db, 'editor');
    httpsApp = await testApp(testDb, store); // SITE_URL https://news.example.org
    httpApp = await testApp(testDb, store, { SITE_URL: 'http://127.0.0.1:3000', TRUST_PROXY: 'true' });
  });
  after(async () => {
    await httpsApp.close();
    await httpApp.close();
  });

  it('over https: the sign-in and session cookies are __Host- prefixed, Secure, Path=/ and without Domain', async () => {
    const { form, res } = await signIn(httpsApp, editor.email);
    assert.match(form.setCookie, /^__Host-wd_signin=[^;]+; .*Path=\/(;|$)/);
    assert.match(form.setCookie, /; Secure/);
    assert.equal(res.statusCode, 303);
    const session = named(res, '__Host-wd_session');
    assert.ok(session, setCookies(res).join(' | '));
    assert.match(session, /; Path=\/(;|$)/);
    assert.match(session, /; Secure/);
    assert.match(session, /; HttpOnly/);
    assert.doesNotMatch(session, /Domain=/i);
    assert.equal(named(res, 'wd_session'), undefined, 'no unprefixed session cookie');
    const token = /=([^;]+)/.exec(session)![1]!;
    assert.ok(await findSession(store.db, token));
    assert.equal((await httpsApp.inject({ url: '/newsroom', headers: { cookie: `__Host-wd_session=${token}` } })).statusCode, 200);
  });

  it('over https: an unprefixed session cookie (one a subdomain or plain-http page could plant) is not read', async () => {
    const { token } = await createSession(store.db, editor.id, { ip: '', userAgent: '' });
    const res = await httpsApp.inject({ url: '/newsroom', headers: { cookie: `wd_session=${token}` } });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/newsroom\/sign-in/);
  });

  it('over https: the sign-in form is refused with an unprefixed form cookie', async () => {
    const form = await signInForm(httpsApp);
    const res = await httpsApp.inject({
      method: 'POST',
      url: '/newsroom/sign-in',
      payload: new URLSearchParams({ _csrf: form.csrf, email: editor.email, password: PASSWORD }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `wd_signin=${form.csrf}` },
    });
    assert.equal(res.statusCode, 403);
  });

  it('over https: signing out clears the __Host- cookie with the attributes the prefix needs', async () => {
    const s = await editor.session();
    const res = await httpsApp.inject({
      method: 'POST',
      url: '/newsroom/sign-out',
      payload: `_csrf=${s.csrf}`,
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 303);
    const cleared = named(res, '__Host-wd_session')!;
    assert.match(cleared, /Expires=Thu, 01 Jan 1970/);
    assert.match(cleared, /; Path=\/(;|$)/);
    assert.match(cleared, /; Secure/);
  });

  it('over http (local development): plain cookies without Secure, and signing in works', async () => {
    const { form, res } = await signIn(httpApp, editor.email);
    assert.match(form.setCookie, /^wd_signin=[^;]+; .*Path=\/newsroom/);
    assert.doesNotMatch(form.setCookie, /Secure/);
    assert.equal(res.statusCode, 303);
    const session = named(res, 'wd_session')!;
    assert.ok(session);
    assert.doesNotMatch(session, /Secure/);
    const token = /=([^;]+)/.exec(session)![1]!;
    assert.equal((await httpApp.inject({ url: '/newsroom', headers: { cookie: `wd_session=${token}` } })).statusCode, 200);
  });

  it('a site on http behind a TLS proxy: a secure request gets the __Host- cookies', async () => {
    const proto = { 'x-forwarded-proto': 'https' };
    const { form, res } = await signIn(httpApp, editor.email, proto);
    assert.match(form.setCookie, /^__Host-wd_signin=.*; Secure/);
    const session = named(res, '__Host-wd_session')!;
    assert.match(session, /; Secure/);
    const token = /=([^;]+)/.exec(session)![1]!;
    assert.equal((await httpApp.inject({ url: '/newsroom', headers: { ...proto, cookie: `__Host-wd_session=${token}` } })).statusCode, 200);
  });

  it('a reader with the __Host- session cookie is a newsroom user, not counted', async () => {
    const story = await addStory(store.db);
    const before = httpsApp.viewCounter.stats().newsroom;
    await httpsApp.inject({
      method: 'POST',
      url: viewsBeaconPath,
      payload: String(story.id),
      headers: {
        'content-type': 'text/plain',
        cookie: (await editor.session()).cookie,
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36',
      },
    });
    assert.equal(httpsApp.viewCounter.stats().newsroom, before + 1);
  });
});
