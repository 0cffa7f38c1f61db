import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../../src/content/audit.js';
import { findPage } from '../../src/content/pages.js';
import { findEdition } from '../../src/content/taxonomy.js';
import { getUser, verifyPassword } from '../../src/content/users.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { PASSWORD, deskUser, get, post, type DeskUser } from './desk.js';
import { openSuite } from '../helpers/suite.js';

describeEachDatabase('newsroom administration', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let admin: DeskUser;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    admin = await deskUser(store.db, 'admin');
  });

  it('changes a role: audited, and the user must sign in again', async () => {
    const a = await admin.session();
    const writer = await deskUser(store.db, 'writer');
    const writerSession = await writer.session();
    assert.equal((await post(app, `/newsroom/users/${writer.id}/role`, { role: 'editor' }, a)).statusCode, 303);
    assert.equal((await getUser(store.db, writer.id))!.role, 'editor');
    assert.equal((await get(app, '/newsroom', writerSession)).statusCode, 303, 'old session ended');
    const entry = (await listAudit(store.db, { action: 'user.role' }))[0]!;
    assert.equal(entry.actor, admin.email);
    assert.match(entry.detail, /now editor/);
  });

  it('adds users, and a disabled account cannot sign in', async () => {
    const a = await admin.session();
    assert.equal((await post(app, '/newsroom/users', { email: 'new@example.org', displayName: 'New', role: 'writer', password: PASSWORD }, a)).statusCode, 303);
    const created = (await get(app, '/newsroom/users', a)).body;
    assert.match(created, /new@example\.org/);
    const id = Number(/action="\/newsroom\/users\/(\d+)\/disable"[\s\S]{0,10}/.exec(created.slice(created.indexOf('new@example.org')))![1]);
    assert.equal((await post(app, `/newsroom/users/${id}/disable`, {}, a)).statusCode, 303);
    assert.equal(await verifyPassword(store.db, 'new@example.org', PASSWORD), null);
    assert.equal((await post(app, `/newsroom/users/${admin.id}/disable`, {}, a)).statusCode, 403, 'not oneself');
  });

  it('changes site settings, shown on the public site at once, and refuses bad links', async () => {
    const a = await admin.session();
    const res = await post(
      app,
      '/newsroom/settings',
      {
        siteName: 'Daily Wire',
        tagline: 'News',
        publisherName: 'Wire Media',
        contactEmail: 'desk@example.org',
        contactPhones: '+1 555 0100',
        socialLinks: 'LinkedIn | https://example.org/in',
        otherLinks: 'About | /page/about',
        otherProducts: '',
      },
      a,
    );
    assert.equal(res.statusCode, 303);
    assert.match((await app.inject('/')).body, /<title>Daily Wire<\/title>/);
    const bad = await post(app, '/newsroom/settings', { siteName: 'X', publisherName: 'Y', socialLinks: 'Evil | javascript:alert(1)' }, a);
    assert.equal(bad.statusCode, 422);
    assert.equal((await listAudit(store.db, { action: 'settings.change' })).length, 1);
  });

  it('adds wire sources and shows their state; refuses a source with neither URL nor folder', async () => {
    const a = await admin.session();
    const folder = `${testDb.dataDir}/wire-drop/desk-drop`;
    fs.mkdirSync(folder, { recursive: true });
    const res = await post(
      app,
      '/newsroom/sources',
      { name: 'Meridian drop', agency: 'Meridian News Agency', folder, pollSeconds: '300', rule: 'inbox', sectors: ['health'] },
      a,
    );
    assert.equal(res.statusCode, 303);
    const page = (await get(app, '/newsroom/sources', a)).body;
    assert.match(
      page,
      /<td data-label="Name"><a href="\/newsroom\/sources\/(\d+)">Meridian drop<\/a><\/td><td data-label="Agency">Meridian News Agency<\/td><td data-label="Feed or folder">[^<]*desk-drop<\/td><td data-label="Rule">inbox<\/td><td data-label="State">on<\/td><td data-label="Items">0<\/td><td data-label="Last success">never<\/td>/,
    );
    const id = /\/newsroom\/sources\/(\d+)"/.exec(page)![1];
    // Edit, turn off, refuse a removal that was not confirmed, remove: each audited.
    const edited = await post(
      app,
      `/newsroom/sources/${id}`,
      { name: 'Meridian drop', agency: 'Meridian News Agency', folder, pollSeconds: '300', rule: 'auto-publish' },
      a,
    );
    assert.equal(edited.statusCode, 303);
    assert.equal((await post(app, `/newsroom/sources/${id}/disable`, {}, a)).statusCode, 303);
    assert.match((await get(app, `/newsroom/sources/${id}`, a)).body, /Off: neither watched nor polled/);
    assert.match((await get(app, '/newsroom/sources', a)).body, /<td data-label="Rule">auto-publish<\/td><td data-label="State">off<\/td>/);
    const unconfirmed = await post(app, `/newsroom/sources/${id}/delete`, {}, a);
    assert.equal(unconfirmed.statusCode, 422);
    assert.match(unconfirmed.body, /Tick the box/);
    assert.equal((await post(app, `/newsroom/sources/${id}/delete`, { confirm: '1' }, a)).statusCode, 303);
    assert.doesNotMatch((await get(app, '/newsroom/sources', a)).body, /Meridian drop/);
    const actions = (await listAudit(store.db, { limit: 20 })).filter((e) => e.subject === 'source Meridian drop').map((e) => e.action);
    assert.deepEqual(actions, ['source.delete', 'source.disable', 'source.edit', 'source.add']);
    assert.equal(
      (await post(app, '/newsroom/sources', { name: 'Meridian drop', agency: 'Meridian News Agency', folder, pollSeconds: '300', rule: 'inbox' }, a))
        .statusCode,
      303,
    );
    const bad = await post(app, '/newsroom/sources', { name: 'Nothing', agency: 'X', pollSeconds: '300' }, a);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /either a URL to poll or a drop folder/);
    const editor = await deskUser(store.db, 'editor');
    assert.equal((await get(app, '/newsroom/sources', await editor.session())).statusCode, 403);
  });

  it('refuses a drop folder that is missing (and does not make it), relative, a system or data folder, or another source’s, saying why', async () => {
    const a = await admin.session();
    const add = (name: string, folder: string) =>
      post(app, '/newsroom/sources', { name, agency: 'Meridian News Agency', folder, pollSeconds: '300', rule: 'inbox' }, a);
    const missing = `${testDb.dataDir}/wire-drop/not-made`;
    for (const [folder, reason] of [
      [missing, /does not exist: create it for this source first/],
      ['wire-drop/relative', /must be an absolute path/],
      ['/etc', /is a system folder/],
      [testDb.dataDir, /in the data directory/],
      [`${testDb.dataDir}/media`, /in the data directory/],
      [`${testDb.dataDir}/wire-drop/desk-drop/processed`, /another source&#39;s drop folder|another source's drop folder/],
    ] as const) {
      const res = await add(`Refused ${folder}`, folder);
      assert.equal(res.statusCode, 422, folder);
      assert.match(res.body, reason, folder);
    }
    assert.equal(fs.existsSync(missing), false, 'never created');
    assert.doesNotMatch((await get(app, '/newsroom/sources', a)).body, /Refused/);
    // Editing a source to such a folder is refused too, and the source keeps its folder.
    const page = (await get(app, '/newsroom/sources', a)).body;
    const id = /\/newsroom\/sources\/(\d+)">Meridian drop/.exec(page)![1];
    const edit = await post(
      app,
      `/newsroom/sources/${id}`,
      { name: 'Meridian drop', agency: 'Meridian News Agency', folder: '/var/lib', pollSeconds: '300', rule: 'inbox' },
      a,
    );
    assert.equal(edit.statusCode, 422);
    assert.match(edit.body, /is a system folder/);
    assert.match((await get(app, `/newsroom/sources/${id}`, a)).body, /wire-drop\/desk-drop/);
  });

  it('edits static pages and editions', async () => {
    const a = await admin.session();
    assert.equal(
      (await post(app, '/newsroom/pages/about', { slug: 'about', title: 'About the desk', body: '<p>We report.</p><script>x</script>' }, a)).statusCode,
      303,
    );
    assert.equal((await findPage(store.db, 'about'))!.body, '<p>We report.</p>');
    assert.equal(
      (await post(app, '/newsroom/editions', { slug: 'pacific', name: 'Pacific', timeZone: 'Pacific/Fiji', locale: 'en-FJ', tzAbbreviation: 'FJT' }, a))
        .statusCode,
      303,
    );
    assert.equal((await findEdition(store.db, 'pacific'))!.timeZone, 'Pacific/Fiji');
    const bad = await post(app, '/newsroom/editions', { slug: 'moon', name: 'Moon', timeZone: 'Moon/Base', locale: 'en', tzAbbreviation: 'MST' }, a);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /not an IANA time zone/);
  });
});
