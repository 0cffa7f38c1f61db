/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { getSiteSettings } from '../../src/content/settings.js';
import { listEditions } from '../../src/content/taxonomy.js';
import { databaseKinds } from '../helpers/databases.js';
import { deskSession, PASSWORD } from './desk-session.js';

/*
 * A new production site in chromium, as its first administrator meets it: `wiredesk serve`
 * (without --demo) on an empty database; /newsroom shows "Set up this site"; the form sets it up;
 * they sign in with the password they chose and land on the newsroom's dashboard.
 */

for (const kind of databaseKinds()) {
  describe(`first run of a production site in a real browser [${kind}]`, () => {
    const desk = deskSession({
      kind,
      user: null,
      app: (testDb, store) => {
        const config = { ...loadConfig({ LOG_LEVEL: 'silent', SITE_URL: 'http://127.0.0.1' }), database: testDb.target, dataDir: testDb.dataDir };
        return buildApp({ config, store: { ...store, close: async () => {} }, firstRun: true });
      },
    });

    it('sets the site up through the form, then signs in and lands on the newsroom', async () => {
      const context = await desk.browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(`${desk.base}/newsroom`);
        await page.waitForURL(`${desk.base}/newsroom/set-up`);
        assert.equal(await page.textContent('h1'), 'Set up this site');
        await desk.axe(page, 'set-up');

        await page.fill('#siteName', 'The Daily Development');
        await page.fill('#siteUrl', desk.base);
        await page.fill('#adminName', 'Ada Admin');
        await page.fill('#adminEmail', 'ada@example.org');
        await page.fill('#password', PASSWORD);
        await page.fill('#password2', 'not the same password');
        await page.click('button[type=submit]');
        assert.match((await page.textContent('[role=alert]')) ?? '', /The two passwords differ/);
        assert.equal(await page.inputValue('#adminEmail'), 'ada@example.org', 'what was typed is kept');

        await page.fill('#password', PASSWORD);
        await page.fill('#password2', PASSWORD);
        await page.click('button[type=submit]');
        assert.equal(await page.textContent('h1'), 'The site is set up');

        await page.click('.narrow a[href="/newsroom/sign-in"]');
        await page.waitForURL(`${desk.base}/newsroom/sign-in`);
        await desk.submitSignIn(page, { email: 'ada@example.org' });
        assert.match(await page.content(), /Sign out/);

        // The form is gone for good.
        const again = await page.goto(`${desk.base}/newsroom/set-up`);
        assert.equal(again?.status(), 404);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
      assert.equal((await getSiteSettings(desk.store.db)).siteName, 'The Daily Development');
      assert.equal((await listEditions(desk.store.db)).length, 12);
    });
  });
}
