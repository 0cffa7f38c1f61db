import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { listAudit } from '../../src/content/audit.js';
import { getSiteSettings } from '../../src/content/settings.js';
import { setUpSite, SiteAlreadySetUpError, type SiteSetupInput } from '../../src/content/site-setup.js';
import { listEditions } from '../../src/content/taxonomy.js';
import { countUsers, listUsers, verifyPassword } from '../../src/content/users.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase, type TestDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';

/*
 * The first-run screen of `wiredesk serve` without --demo: on a site without newsroom users the
 * newsroom leads to /newsroom/set-up, whose form runs the same command as `wiredesk init`; it is
 * CSRF-protected, refuses bad input keeping nothing, and is gone (404) once the site is set up.
 * Two set-ups at once: one wins, the other is refused, decided inside the transaction.
 */

const PASSWORD = 'correct horse battery staple';

function appFor(testDb: TestDatabase, store: Store, firstRun: boolean): Promise<FastifyInstance> {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', SITE_URL: 'https://news.example.org' }), database: testDb.target, dataDir: testDb.dataDir };
  return buildApp({ config, store: { ...store, close: async () => {} }, firstRun });
}

/** The first-run form's cookie and token, as a browser holds them between GET and POST. */
async function openForm(app: FastifyInstance) {
  const res = await app.inject('/newsroom/set-up');
  assert.equal(res.statusCode, 200);
  const cookie = [res.headers['set-cookie']]
    .flat()
    .find((c) => c?.startsWith('__Host-wd_signin='))
    ?.split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  assert.ok(cookie && csrf, 'the form carries a CSRF token and its cookie');
  return { cookie, csrf, body: res.body };
}

const fields = (overrides: Record<string, string> = {}) => ({
  siteName: 'The Daily Development',
  siteUrl: 'https://news.example.org',
  adminName: 'Ada Admin',
  adminEmail: 'ada@example.org',
  password: PASSWORD,
  password2: PASSWORD,
  ...overrides,
});

function postForm(app: FastifyInstance, form: { cookie: string; csrf: string }, values: Record<string, string>, csrf = form.csrf) {
  return app.inject({
    method: 'POST',
    url: '/newsroom/set-up',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
    payload: new URLSearchParams({ _csrf: csrf, ...values }).toString(),
  });
}

describeEachDatabase('first-run screen', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let demoLike: FastifyInstance;

  before(async () => {
    store = await testDb.open();
    app = await appFor(testDb, store, true);
    demoLike = await appFor(testDb, store, false);
  });
  after(async () => {
    await app.close();
    await demoLike.close();
  });

  const nothingSetUp = async () => {
    assert.equal(await countUsers(store.db), 0);
    assert.deepEqual(await listEditions(store.db), []);
    assert.equal((await getSiteSettings(store.db)).siteName, 'Wiredesk');
  };

  it('on a site without users, /newsroom and its sign-in lead to the set-up form', async () => {
    for (const url of ['/newsroom', '/newsroom/sign-in', '/newsroom/sign-in?next=/newsroom/inbox']) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, '/newsroom/set-up', url);
    }
    const form = await openForm(app);
    assert.match(form.body, /<h1>Set up this site<\/h1>/);
    for (const name of ['siteName', 'siteUrl', 'adminName', 'adminEmail', 'password', 'password2']) assert.match(form.body, new RegExp(`name="${name}"`), name);
    assert.match(form.body, /value="https:\/\/news\.example\.org"/, 'the configured address is offered');
  });

  it('without the first-run option (the demo, serve --demo) nothing changes: the sign-in form, no set-up page', async () => {
    const signIn = await demoLike.inject('/newsroom/sign-in');
    assert.equal(signIn.statusCode, 200);
    assert.match(signIn.body, /Sign in to the newsroom/);
    assert.equal((await demoLike.inject('/newsroom/set-up')).statusCode, 404);
  });

  it('refuses a form without its CSRF token, two different passwords and bad input, keeping nothing', async () => {
    const form = await openForm(app);
    assert.equal((await postForm(app, form, fields(), 'forged')).statusCode, 403);
    const differ = await postForm(app, form, fields({ password2: 'another long password' }));
    assert.equal(differ.statusCode, 422);
    assert.match(differ.body, /The two passwords differ/);
    const bad = await postForm(app, form, fields({ siteUrl: 'javascript:alert(1)', adminEmail: 'nobody', password: 'short', password2: 'short' }));
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /site URL: the site URL must be an absolute http or https address/);
    assert.match(bad.body, /admin email: not an email address/);
    assert.match(bad.body, /password: the password needs at least 12 characters/);
    assert.match(bad.body, /value="The Daily Development"/, 'what was typed is kept');
    assert.doesNotMatch(bad.body, /short/, 'the password is not sent back');
    await nothingSetUp();
  });

  it('two forms sent at once: one sets the site up, the other is refused', async () => {
    const [a, b] = [await openForm(app), await openForm(app)];
    const answers = await Promise.all([postForm(app, a, fields()), postForm(app, b, fields({ adminEmail: 'bea@example.org', siteName: 'Rival' }))]);
    const statuses = answers.map((r) => r.statusCode).sort();
    assert.equal(statuses[0], 200, JSON.stringify(statuses));
    assert.ok([404, 409].includes(statuses[1]!), `the other form is refused: ${statuses}`);
    const won = answers.find((r) => r.statusCode === 200)!;
    assert.match(won.body, /The site is set up/);
    const users = await listUsers(store.db);
    assert.equal(users.length, 1);
    assert.equal(users[0]!.role, 'admin');
    assert.ok(await verifyPassword(store.db, users[0]!.email, PASSWORD));
    assert.equal(
      (await getSiteSettings(store.db)).siteName,
      users[0]!.email === 'ada@example.org' ? 'The Daily Development' : 'Rival',
      'the winner set the name',
    );
    assert.equal((await listEditions(store.db)).length, 12);
    const audit = await listAudit(store.db, { action: 'site.set-up' });
    assert.equal(audit.length, 1);
    assert.match(audit[0]!.actor, /^first-run form from /);
  });

  it('once the site is set up the form answers 404 and the sign-in form is back', async () => {
    assert.equal((await app.inject('/newsroom/set-up')).statusCode, 404);
    const late = await app.inject({ method: 'POST', url: '/newsroom/set-up', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    assert.ok([403, 404].includes(late.statusCode), String(late.statusCode));
    const signIn = await app.inject('/newsroom/sign-in');
    assert.equal(signIn.statusCode, 200);
    assert.match(signIn.body, /Sign in to the newsroom/);
    assert.equal((await app.inject('/newsroom')).headers.location, '/newsroom/sign-in?next=%2Fnewsroom');
  });
});

describeEachDatabase('setUpSite under concurrency', (testDb) => {
  it('of two set-ups at once exactly one commits; the other is refused inside its transaction and leaves nothing', async () => {
    const store = await testDb.open();
    const input = (who: string): SiteSetupInput => ({
      siteName: `Site of ${who}`,
      siteUrl: `https://${who}.example.org`,
      adminName: who,
      adminEmail: `${who}@example.org`,
      password: PASSWORD,
    });
    const results = await Promise.allSettled([setUpSite(store.db, input('one'), testActor()), setUpSite(store.db, input('two'), testActor())]);
    const done = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(done.length, 1);
    assert.equal(refused.length, 1);
    assert.ok(refused[0]!.reason instanceof SiteAlreadySetUpError, String(refused[0]!.reason));
    const users = await listUsers(store.db);
    assert.equal(users.length, 1);
    assert.equal((await getSiteSettings(store.db)).siteName, `Site of ${users[0]!.displayName}`);
    assert.equal((await listAudit(store.db, { action: 'site.set-up' })).length, 1);
    assert.equal((await listAudit(store.db, { action: 'user.create' })).length, 1);
  });
});
