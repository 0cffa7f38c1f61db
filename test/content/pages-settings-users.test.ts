import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { ConflictError } from '../../src/content/errors.js';
import { ensurePage, findPage, savePage } from '../../src/content/pages.js';
import { claimSetting, getSiteSettings, updateSiteSettings } from '../../src/content/settings.js';
import { createUser, findUserByEmail, verifyPassword } from '../../src/content/users.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';

describeEachDatabase('pages, settings and users', (testDb) => {
  let store: Store;
  before(async () => {
    store = await testDb.open();
  });

  it('saves a static page with a sanitised body, and replaces it by slug', async () => {
    await savePage(store.db, { slug: 'about', title: 'About', body: '<p>Hello<script>x()</script></p>' }, testActor());
    assert.equal((await findPage(store.db, 'about'))?.body, '<p>Hello</p>');
    await savePage(store.db, { slug: 'about', title: 'About us', body: '<p>New</p>' }, testActor());
    assert.equal((await findPage(store.db, 'about'))?.title, 'About us');
    await ensurePage(store.db, { slug: 'about', title: 'Ignored', body: '' }, testActor());
    assert.equal((await findPage(store.db, 'about'))?.title, 'About us');
  });

  it('gives default site settings, merges changes and refuses bad links', async () => {
    assert.equal((await getSiteSettings(store.db)).siteName, 'Wiredesk');
    await updateSiteSettings(store.db, { siteName: 'Daily Wire', otherLinks: [{ label: 'About', url: '/page/about' }] }, testActor());
    await updateSiteSettings(store.db, { tagline: 'News' }, testActor());
    const settings = await getSiteSettings(store.db);
    assert.equal(settings.siteName, 'Daily Wire');
    assert.equal(settings.tagline, 'News');
    assert.deepEqual(settings.otherLinks, [{ label: 'About', url: '/page/about' }]);
    await assert.rejects(updateSiteSettings(store.db, { socialLinks: [{ label: 'X', url: 'javascript:alert(1)' }] }, testActor()), /socialLinks/);
    assert.equal((await getSiteSettings(store.db)).socialLinks.length, 0);
  });

  it('lets exactly one caller claim a one-time setting', async () => {
    assert.equal(await claimSetting(store.db, 'once', 1), true);
    assert.equal(await claimSetting(store.db, 'once', 2), false);
  });

  it('creates users with an argon2id hash, checks passwords and refuses duplicates', async () => {
    const user = await createUser(store.db, { email: 'Editor@Example.org', displayName: 'Ed', role: 'editor', password: 'correct horse battery' }, testActor());
    assert.equal(user.email, 'editor@example.org');
    assert.equal(user.hasPassword, true);
    assert.equal((await verifyPassword(store.db, 'editor@example.org', 'correct horse battery'))?.id, user.id);
    assert.equal(await verifyPassword(store.db, 'editor@example.org', 'wrong password!!'), null);
    await assert.rejects(createUser(store.db, { email: 'editor@example.org', displayName: 'Two', role: 'writer' }, testActor()), ConflictError);
    await assert.rejects(createUser(store.db, { email: 'x@example.org', displayName: 'X', role: 'writer', password: 'short' }, testActor()), /12 characters/);
    await assert.rejects(createUser(store.db, { email: 'y@example.org', displayName: 'Y', role: 'owner' as 'admin' }, testActor()), /role/);
    assert.ok(await findUserByEmail(store.db, 'EDITOR@example.org'));
  });
});
