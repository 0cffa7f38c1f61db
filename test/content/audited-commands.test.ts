import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, it } from 'node:test';
import { listAudit, type Actor } from '../../src/content/audit.js';
import { ValidationError } from '../../src/content/errors.js';
import { findPage, savePage } from '../../src/content/pages.js';
import { getSiteSettings, setSiteLogo, updateSiteSettings } from '../../src/content/settings.js';
import { findCountry, findEdition, findSector, saveEdition, saveSector, setCountryEdition } from '../../src/content/taxonomy.js';
import { createUser, findUserByEmail, setUserDisabled, setUserRole, type UserRole } from '../../src/content/users.js';
import { inTransaction, type Store } from '../../src/db/connect.js';
import type { OutboundPolicy } from '../../src/net/address-policy.js';
import { getNewsletterSettings, updateNewsletterSettings } from '../../src/newsletter/schedule.js';
import { deleteSubscriber, exportSubscribersCsv, getSubscriber, requestSubscription } from '../../src/newsletter/subscribers.js';
import { completePasswordReset, issuePasswordReset } from '../../src/newsroom/password-resets.js';
import { changeUserRole, findSession, setAccountDisabled, signIn, signOut } from '../../src/newsroom/sessions.js';
import { addSubscription, listSubscriptions, setSubscriptionActive } from '../../src/webhooks/subscriptions.js';
import { addSource, deleteSource, findSourceByName, setSourceEnabled, updateSource } from '../../src/wire/sources.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { openSuite } from '../helpers/suite.js';

/*
 * Every command that changes users (and their sessions), settings, pages, taxonomy (countries' editions too), sources, webhooks or the newsletter
 * writes its own audit entry, in its own transaction: called directly here (no route, no CLI),
 * each leaves one entry naming the actor, the action and the target, and a call refused for bad
 * input leaves none.
 */

const admin: Actor = { name: 'chief@example.org', userId: null };
/** A public address for every host name, so no test depends on DNS. */
const publicAddresses: OutboundPolicy = { allow: [], lookup: async () => [{ address: '93.184.216.34', family: 4 }] };

describeEachDatabase('audit entries written by the commands themselves', (testDb) => {
  let store: Store;
  let nextId = 0;
  before(async () => {
    ({ store } = await openSuite(testDb));
    const chief = await createUser(store.db, { email: admin.name, displayName: 'Chief', role: 'admin' }, { name: 'setup', userId: null });
    admin.userId = chief.id;
  });

  /** The entries of one action written since the last call's mark (newest last). */
  async function entriesSince(mark: number, action: string) {
    return (await listAudit(store.db, { action, limit: 200 })).filter((e) => e.id > mark).reverse();
  }
  async function mark(): Promise<number> {
    return (await listAudit(store.db, { limit: 1 }))[0]?.id ?? 0;
  }
  /** Runs a refused call and checks that it wrote no audit entry at all. */
  async function refusedWithoutEntry(call: () => Promise<unknown>, error: RegExp | (new (...args: never[]) => Error) = ValidationError) {
    const before = await mark();
    await assert.rejects(call(), error as never);
    assert.deepEqual(
      (await listAudit(store.db, { limit: 5 })).filter((e) => e.id > before),
      [],
      'no audit entry for a refused call',
    );
  }
  function assertEntry(
    entries: Awaited<ReturnType<typeof entriesSince>>,
    expected: { action: string; subject: string; detail?: string | RegExp; actor?: Actor },
  ) {
    assert.equal(entries.length, 1, `one ${expected.action} entry`);
    const [entry] = entries;
    const actor = expected.actor ?? admin;
    assert.equal(entry!.actor, actor.name);
    assert.equal(entry!.userId, actor.userId);
    assert.equal(entry!.action, expected.action);
    assert.equal(entry!.subject, expected.subject);
    if (typeof expected.detail === 'string') assert.equal(entry!.detail, expected.detail);
    else if (expected.detail) assert.match(entry!.detail, expected.detail);
  }

  it('users: create, role and disable are audited by the command; a refused one writes nothing', async () => {
    const m = await mark();
    const user = await createUser(store.db, { email: `writer${++nextId}@example.org`, displayName: 'W', role: 'writer' }, admin);
    assertEntry(await entriesSince(m, 'user.create'), { action: 'user.create', subject: `user ${user.id}: ${user.email}`, detail: 'role writer' });
    await setUserRole(store.db, user.id, 'editor', admin);
    assertEntry(await entriesSince(m, 'user.role'), { action: 'user.role', subject: `user ${user.id}: ${user.email}`, detail: 'now editor' });
    await setUserDisabled(store.db, user.id, true, admin);
    assertEntry(await entriesSince(m, 'user.disable'), { action: 'user.disable', subject: `user ${user.id}: ${user.email}` });
    await refusedWithoutEntry(() => createUser(store.db, { email: 'short@example.org', displayName: 'S', role: 'writer', password: 'short' }, admin));
    await refusedWithoutEntry(() => setUserRole(store.db, user.id, 'owner' as UserRole, admin));
    assert.equal(await findUserByEmail(store.db, 'short@example.org'), null);
  });

  it('users: a role change and a disabled account end the sessions in the same transaction as the change; a refused change ends none', async () => {
    const password = 'the right long password';
    const user = await createUser(store.db, { email: `moved${++nextId}@example.org`, displayName: 'M', role: 'writer', password }, admin);
    const subject = `user ${user.id}: ${user.email}`;
    const signedIn = async () => (await signIn(store.db, user.email, password, { ip: '203.0.113.9', userAgent: 'test' }))!.token;
    const sessions = async () => (await store.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute()).length;
    const first = await signedIn();
    await refusedWithoutEntry(() => changeUserRole(store.db, user.id, 'owner' as UserRole, admin));
    assert.ok(await findSession(store.db, first), 'a refused role change ends no session');
    let m = await mark();
    assert.equal((await changeUserRole(store.db, user.id, 'editor', admin)).role, 'editor');
    assertEntry(await entriesSince(m, 'user.role'), { action: 'user.role', subject, detail: 'now editor' });
    assert.equal((await findUserByEmail(store.db, user.email))?.role, 'editor');
    assert.equal(await sessions(), 0, 'the role change ended the session');

    await signedIn();
    await signedIn();
    m = await mark();
    await setAccountDisabled(store.db, user.id, true, admin);
    assertEntry(await entriesSince(m, 'user.disable'), { action: 'user.disable', subject });
    assert.notEqual((await findUserByEmail(store.db, user.email))?.disabledAt, null);
    assert.equal(await sessions(), 0, 'disabling ended both sessions');
    await setAccountDisabled(store.db, user.id, false, admin);
    assertEntry(await entriesSince(m, 'user.enable'), { action: 'user.enable', subject });
    const again = await signedIn();
    await setAccountDisabled(store.db, user.id, false, admin);
    assert.ok(await findSession(store.db, again), 'enabling ends no session');
    await refusedWithoutEntry(() => setAccountDisabled(store.db, 999_999, true, admin), /No user/);
  });

  it('signing in and out: audited by the command with the session change; a wrong password starts nothing', async () => {
    const user = await createUser(
      store.db,
      { email: `signer${++nextId}@example.org`, displayName: 'S', role: 'writer', password: 'the right long password' },
      admin,
    );
    const self: Actor = { name: user.email, userId: user.id };
    const m = await mark();
    assert.equal(await signIn(store.db, user.email, 'a wrong long password', { ip: '203.0.113.9', userAgent: 'test' }), null);
    assertEntry(await entriesSince(m, 'user.sign-in-failed'), {
      action: 'user.sign-in-failed',
      subject: '',
      detail: 'from 203.0.113.9',
      actor: { name: user.email, userId: null },
    });
    const first = await signIn(store.db, user.email, 'the right long password', { ip: '203.0.113.9', userAgent: 'test' });
    assert.ok(first && (await findSession(store.db, first.token)));
    assertEntry(await entriesSince(m, 'user.sign-in'), { action: 'user.sign-in', subject: '', detail: 'from 203.0.113.9', actor: self });
    // Signing in again from that browser ends its old session.
    const second = await signIn(store.db, user.email, 'the right long password', { ip: '203.0.113.9', userAgent: 'test', replacing: first.token });
    assert.equal(await findSession(store.db, first.token), null);
    await signOut(store.db, second!.token, self);
    assert.equal(await findSession(store.db, second!.token), null);
    assertEntry(await entriesSince(m, 'user.sign-out'), { action: 'user.sign-out', subject: '', actor: self });
  });

  it('site settings and the logo: audited by the command; bad links change nothing and write nothing', async () => {
    const m = await mark();
    await updateSiteSettings(store.db, { siteName: 'Audited Gazette' }, admin);
    assertEntry(await entriesSince(m, 'settings.change'), { action: 'settings.change', subject: 'site settings' });
    await setSiteLogo(store.db, 42, admin);
    assertEntry(await entriesSince(m, 'settings.logo'), { action: 'settings.logo', subject: 'site settings', detail: 'logo image 42' });
    await refusedWithoutEntry(() => updateSiteSettings(store.db, { socialLinks: [{ label: 'X', url: 'javascript:alert(1)' }] }, admin));
    await refusedWithoutEntry(() => setSiteLogo(store.db, -1, admin));
    const settings = await getSiteSettings(store.db);
    assert.equal(settings.siteName, 'Audited Gazette');
    assert.equal(settings.logoMediaId, 42);
    assert.deepEqual(settings.socialLinks, []);
  });

  it('pages: a save is audited by the command; a bad slug saves nothing and writes nothing', async () => {
    const m = await mark();
    await savePage(store.db, { slug: 'audited', title: 'Audited', body: '<p>Text</p>' }, admin);
    assertEntry(await entriesSince(m, 'page.save'), { action: 'page.save', subject: 'page audited' });
    await refusedWithoutEntry(() => savePage(store.db, { slug: 'Not A Slug', title: 'Bad', body: '' }, admin));
    assert.equal(await findPage(store.db, 'Not A Slug'), null);
  });

  it('a command run inside a larger transaction that fails leaves neither its change nor its audit entry', async () => {
    const m = await mark();
    await assert.rejects(
      inTransaction(store.db, async (trx) => {
        await savePage(trx, { slug: 'rolled-back', title: 'Rolled back', body: '' }, admin);
        throw new Error('a later step failed');
      }),
      /a later step failed/,
    );
    assert.equal(await findPage(store.db, 'rolled-back'), null);
    assert.deepEqual(await entriesSince(m, 'page.save'), []);
  });

  it('taxonomy: sectors and editions are audited by the command; bad input writes nothing', async () => {
    const m = await mark();
    await saveSector(store.db, { slug: 'audited-sector', name: 'Audited sector' }, admin);
    assertEntry(await entriesSince(m, 'sector.save'), { action: 'sector.save', subject: 'sector audited-sector' });
    await saveEdition(
      store.db,
      { slug: 'audited-edition', name: 'Audited', timeZone: 'Europe/Paris', locale: 'en-GB', tzAbbreviation: 'CET', position: 5 },
      admin,
    );
    assertEntry(await entriesSince(m, 'edition.save'), { action: 'edition.save', subject: 'edition audited-edition', detail: 'Europe/Paris CET' });
    await refusedWithoutEntry(() => saveSector(store.db, { slug: 'Bad Slug', name: 'x' }, admin));
    await refusedWithoutEntry(() => saveEdition(store.db, { slug: 'moon', name: 'Moon', timeZone: 'Moon/Base', locale: 'en', tzAbbreviation: 'MST' }, admin));
    assert.equal(await findSector(store.db, 'Bad Slug'), null);
    assert.equal(await findEdition(store.db, 'moon'), null);
  });

  it('taxonomy: filing countries under an edition is audited by the command, one entry for the lot; an unknown edition or country files none', async () => {
    const edition = await saveEdition(
      store.db,
      { slug: 'filed-edition', name: 'Filed', timeZone: 'Asia/Kathmandu', locale: 'en-NP', tzAbbreviation: 'NPT' },
      admin,
    );
    const m = await mark();
    await setCountryEdition(store.db, 'np', 'filed-edition', admin);
    assertEntry(await entriesSince(m, 'country.edition'), { action: 'country.edition', subject: 'country NP', detail: 'under edition filed-edition' });
    const m2 = await mark();
    await setCountryEdition(store.db, ['BT', 'LK'], 'filed-edition', admin);
    assertEntry(await entriesSince(m2, 'country.edition'), { action: 'country.edition', subject: 'countries BT, LK', detail: 'under edition filed-edition' });
    assert.deepEqual(await Promise.all(['NP', 'BT', 'LK'].map(async (code) => (await findCountry(store.db, code))?.editionId)), [
      edition.id,
      edition.id,
      edition.id,
    ]);
    await refusedWithoutEntry(() => setCountryEdition(store.db, 'MV', 'atlantis', admin));
    await refusedWithoutEntry(() => setCountryEdition(store.db, ['MV', 'XX'], 'filed-edition', admin), /Unknown country code "XX"/);
    assert.equal((await findCountry(store.db, 'MV'))?.editionId, null, 'the known country of a refused call is not filed either');
    const m3 = await mark();
    await setCountryEdition(store.db, 'NP', null, admin);
    assertEntry(await entriesSince(m3, 'country.edition'), { action: 'country.edition', subject: 'country NP', detail: 'under no edition' });
    assert.equal((await findCountry(store.db, 'NP'))?.editionId, null);
  });

  it('wire sources: add, edit, disable and delete are audited by the command; a source with neither URL nor folder writes nothing', async () => {
    const m = await mark();
    const input = { name: 'audited feed', agency: 'Meridian News Agency', url: 'https://feeds.example.org/audited.xml' };
    const source = await addSource(store.db, input, admin, { outbound: publicAddresses });
    assertEntry(await entriesSince(m, 'source.add'), {
      action: 'source.add',
      subject: 'source audited feed',
      detail: 'https://feeds.example.org/audited.xml (inbox)',
    });
    await updateSource(store.db, source.id, { ...input, rule: 'auto-publish' }, admin, { outbound: publicAddresses });
    assertEntry(await entriesSince(m, 'source.edit'), { action: 'source.edit', subject: 'source audited feed', detail: /\(auto-publish\)$/ });
    await setSourceEnabled(store.db, source.id, false, admin);
    assertEntry(await entriesSince(m, 'source.disable'), { action: 'source.disable', subject: 'source audited feed' });
    await deleteSource(store.db, source.id, admin);
    assertEntry(await entriesSince(m, 'source.delete'), { action: 'source.delete', subject: 'source audited feed' });
    await refusedWithoutEntry(() => addSource(store.db, { name: 'nowhere', agency: 'X' }, admin, { outbound: publicAddresses }));
    assert.equal(await findSourceByName(store.db, 'nowhere'), null);
  });

  it('webhooks: add, disable and enable are audited by the command; a refused address adds nothing and writes nothing', async () => {
    const m = await mark();
    const { subscription } = await addSubscription(
      store.db,
      { url: 'https://hooks.example.org/audited', events: ['publish', 'update'] },
      admin,
      publicAddresses,
    );
    const subject = `webhook ${subscription.id}: https://hooks.example.org/audited`;
    assertEntry(await entriesSince(m, 'webhook.add'), { action: 'webhook.add', subject, detail: 'publish, update' });
    assert.equal(subscription.createdBy, admin.userId, 'the actor is recorded as its creator too');
    await setSubscriptionActive(store.db, subscription.id, false, admin);
    assertEntry(await entriesSince(m, 'webhook.disable'), { action: 'webhook.disable', subject });
    await setSubscriptionActive(store.db, subscription.id, true, admin);
    assertEntry(await entriesSince(m, 'webhook.enable'), { action: 'webhook.enable', subject });
    const count = (await listSubscriptions(store.db)).length;
    await refusedWithoutEntry(() => addSubscription(store.db, { url: 'http://127.0.0.1:9/hook' }, admin, publicAddresses));
    await refusedWithoutEntry(() => addSubscription(store.db, { url: 'https://hooks.example.org/none', events: [] }, admin, publicAddresses));
    await refusedWithoutEntry(() => setSubscriptionActive(store.db, 999_999, false, admin), /No webhook/);
    assert.equal((await listSubscriptions(store.db)).length, count);
  });

  it('newsletter: the schedule, an export and a deletion are audited by the command; a bad time writes nothing', async () => {
    const m = await mark();
    await updateNewsletterSettings(store.db, { enabled: false, sendTime: '06:30', editionTimes: { global: '05:00' } }, admin);
    assertEntry(await entriesSince(m, 'newsletter.schedule'), { action: 'newsletter.schedule', subject: 'newsletter', detail: 'off at 06:30; global 05:00' });
    await refusedWithoutEntry(() => updateNewsletterSettings(store.db, { sendTime: '25:00' }, admin));
    assert.equal((await getNewsletterSettings(store.db)).sendTime, '06:30');

    const { subscriber } = await requestSubscription(store.db, { email: `reader${++nextId}@example.org` });
    let csv = '';
    for await (const chunk of await exportSubscribersCsv(store.db, admin)) csv += chunk;
    assert.match(csv, new RegExp(subscriber.email));
    assertEntry(await entriesSince(m, 'newsletter.export'), { action: 'newsletter.export', subject: 'newsletter subscribers' });

    assert.equal(await deleteSubscriber(store.db, subscriber.id, admin), true);
    assertEntry(await entriesSince(m, 'newsletter.delete'), { action: 'newsletter.delete', subject: `subscriber ${subscriber.id}`, detail: '' });
    assert.equal(await getSubscriber(store.db, subscriber.id), null);
    // Nobody to delete: nothing happened, so nothing is logged.
    assert.equal(await deleteSubscriber(store.db, subscriber.id, admin), false);
    assert.equal((await entriesSince(m, 'newsletter.delete')).length, 1);
  });

  it('password resets: the request, a refusal and the reset are audited by the command; a too-short password writes nothing', async () => {
    const user = await createUser(store.db, { email: `forgetful${++nextId}@example.org`, displayName: 'F', role: 'writer' }, admin);
    const self: Actor = { name: user.email, userId: user.id };
    const subject = `user ${user.id}: ${user.email}`;
    const m = await mark();
    const request = await issuePasswordReset(store.db, ` ${user.email.toUpperCase()} `, { ip: '203.0.113.7' });
    assert.ok(request.issued);
    assertEntry(await entriesSince(m, 'user.password-reset-requested'), {
      action: 'user.password-reset-requested',
      subject,
      detail: 'from 203.0.113.7',
      actor: self,
    });
    assert.equal((await issuePasswordReset(store.db, 'nobody@example.org', { ip: '203.0.113.8' })).issued, false);
    assertEntry(await entriesSince(m, 'user.password-reset-refused'), {
      action: 'user.password-reset-refused',
      subject: '',
      detail: 'unknown account, from 203.0.113.8',
      actor: { name: 'nobody@example.org', userId: null },
    });
    await refusedWithoutEntry(() => completePasswordReset(store.db, request.token, 'short', { ip: '203.0.113.7' }));
    await completePasswordReset(store.db, request.token, 'a long enough new password', { ip: '203.0.113.7' });
    assertEntry(await entriesSince(m, 'user.password-reset'), {
      action: 'user.password-reset',
      subject,
      detail: 'by emailed link, from 203.0.113.7; all sessions ended',
      actor: self,
    });
  });

  it('only the owning modules write these audit entries: routes, the CLI and jobs call the commands', () => {
    const root = path.resolve(import.meta.dirname, '../../src');
    const files = fs
      .readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
    const writers = files.filter((f) => OWNED_ACTION.test(fs.readFileSync(path.join(root, f), 'utf8')));
    assert.deepEqual(
      writers.filter((f) => !OWNERS.includes(f)),
      [],
    );
    // Not vacuous: the check sees the commands' own entries, and a route's call as it was.
    for (const owner of ['content/pages.ts', 'webhooks/subscriptions.ts', 'newsroom/password-resets.ts', 'newsroom/sessions.ts'])
      assert.ok(writers.includes(path.normalize(owner)), owner);
    assert.ok(OWNED_ACTION.test('await recordAudit(db, actor(ctx), `webhook.${change}`, `webhook ${subscription.id}`);'));
    assert.ok(OWNED_ACTION.test("await recordAudit(db, actor(ctx.session!), 'user.sign-out');"));
  });
});

/** The modules whose commands may write the entries below, and those actions. */
const OWNERS = [
  'content/users.ts',
  'content/settings.ts',
  'content/pages.ts',
  'content/taxonomy.ts',
  'wire/sources.ts',
  'webhooks/subscriptions.ts',
  'newsletter/schedule.ts',
  'newsletter/subscribers.ts',
  'newsroom/password-resets.ts',
  'newsroom/sessions.ts',
].map((f) => f.split('/').join(path.sep));
const OWNED_ACTION =
  /recordAudit\([^;]*?['"`](?:user\.(?:create|role|disable|enable|notifications|password-reset|sign-)|settings\.|page\.|sector\.|edition\.|country\.|source\.|webhook\.|newsletter\.)/;
