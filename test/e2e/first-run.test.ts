/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { getSiteSettings } from '../../src/content/settings.js';
import { listEditions } from '../../src/content/taxonomy.js';
import type { Store } from '../../src/db/connect.js';
import { databaseKinds, TestDatabase } from '../helpers/databases.js';
import { launchBrowser } from './browser.js';

/*
 * A new production site in chromium, as its first administrator meets it: `wiredesk serve`
 * (without --demo) on an empty database; /newsroom shows "Set up this site"; the form sets it up;
 * they sign in with the password they chose and land on the newsroom's dashboard.
 */

const PASSWORD = 'correct horse battery staple';

for (const kind of databaseKinds()) {
  describe(`first run of a production site in a real browser [${kind}]`, () => {
    const testDb = new TestDatabase(kind);
    let store: Store;
    let app: FastifyInstance;
    let base: string;
    let browser: Browser;
    let cleanup: () => Promise<void>;

    before(async () => {
      await testDb.create();
      store = await testDb.open();
      const config = { ...loadConfig({ LOG_LEVEL: 'silent', SITE_URL: 'http://127.0.0.1' }), database: testDb.target, dataDir: testDb.dataDir };
      app = await buildApp({ config, store: { ...store, close: async () => {} }, firstRun: true });
      base = await app.listen({ port: 0, host: '127.0.0.1' });
      ({ browser, cleanup } = await launchBrowser());
    });
    after(async () => {
      await cleanup?.();
      await app?.close();
      await testDb.destroy();
    });

    it('sets the site up through the form, then signs in and lands on the newsroom', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(`${base}/newsroom`);
        await page.waitForURL(`${base}/newsroom/set-up`);
        assert.equal(await page.textContent('h1'), 'Set up this site');
        const axe = await new AxeBuilder({ page }).analyze();
        assert.deepEqual(
          axe.violations.map((v) => `${v.id}: ${v.help}`),
          [],
        );

        await page.fill('#siteName', 'The Daily Development');
        await page.fill('#siteUrl', base);
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
        await page.waitForURL(`${base}/newsroom/sign-in`);
        await page.fill('#email', 'ada@example.org');
        await page.fill('#password', PASSWORD);
        await page.click('button[type=submit]');
        await page.waitForURL(`${base}/newsroom`);
        assert.match(await page.content(), /Sign out/);

        // The form is gone for good.
        const again = await page.goto(`${base}/newsroom/set-up`);
        assert.equal(again?.status(), 404);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
      assert.equal((await getSiteSettings(store.db)).siteName, 'The Daily Development');
      assert.equal((await listEditions(store.db)).length, 12);
    });
  });
}
