/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { getArticle } from '../../src/content/articles.js';
import { ingestWireItem } from '../../src/wire/ingest.js';
import { smallTaxonomy } from '../helpers/fixtures.js';
import { labelled, wire } from '../helpers/wire.js';
import { deskSession } from './desk-session.js';

/** Oldest first as they come in; the inbox shows the newest first. */
const ITEMS = ['p1-e008-a', 'p1-e007-a', 'p1-e006-a', 'p1-e005-a', 'p1-e004-a', 'p1-e003-a', 'p1-e002-a', 'p1-e001-a'];
const EMBARGOED = 'p1-e004-a';

describe('the wire inbox in a real browser', () => {
  const desk = deskSession({
    user: { email: 'chief@example.org', displayName: 'Chief', role: 'editor' },
    seed: async (store) => {
      await smallTaxonomy(store.db);
      const embargo = new Date(Date.now() + 3 * 3600_000).toISOString();
      for (const [i, id] of ITEMS.entries())
        await ingestWireItem(store.db, wire(id, { urgency: 3 + (i % 3), ...(id === EMBARGOED ? { embargo } : {}) }), {
          now: new Date(Date.now() - (ITEMS.length - i) * 60_000).toISOString(),
        });
    },
  });
  const { axe } = desk;
  const signIn = (page: Page) => desk.signIn(page, { at: '/newsroom/inbox' });
  const storyOf = async (itemId: string) =>
    (await desk.store.db.selectFrom('wire_items').select('article_id').where('item_id', '=', itemId).executeTakeFirstOrThrow()).article_id!;
  const headline = (itemId: string) => labelled(itemId).headline;

  const firstHeadline = (page: Page) => page.locator('.triage-row .t-headline').first().textContent();
  const confirm = async (page: Page, verb: RegExp) => {
    const dialog = page.locator('#triage-confirm');
    await dialog.waitFor({ state: 'visible' });
    assert.match((await dialog.locator('h2').textContent()) ?? '', verb);
    await Promise.all([page.waitForURL(/done=/), dialog.locator('button', { hasText: 'Yes' }).click()]);
  };

  it('searches, triages five stories from the keyboard, discards two at once and shows a live arrival', async () => {
    const context = await desk.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await signIn(page);
      assert.equal(await page.locator('.triage-row').count(), ITEMS.length);
      await axe(page, 'inbox');

      // Search from the keyboard: / focuses the box.
      await page.keyboard.press('/');
      await page.keyboard.type('cholera');
      await Promise.all([page.waitForURL(/q=cholera/), page.keyboard.press('Enter')]);
      assert.equal(await page.locator('.triage-row').count(), 1);
      assert.equal(await firstHeadline(page), headline('p1-e001-a'));
      await page.goto(`${desk.base}/newsroom/inbox`);

      // 1: publish the newest (j, p, confirm): the notice links to it on the site.
      await page.keyboard.press('j');
      await page.keyboard.press('p');
      await confirm(page, /Publish 1 story\?/);
      assert.match((await page.locator('.notice[role=status]').textContent()) ?? '', new RegExp(`Published: ${headline('p1-e001-a')}`));
      assert.ok(await page.locator('.notice[role=status] a[href^="/"]').count());
      assert.equal((await getArticle(desk.store.db, await storyOf('p1-e001-a')))!.status, 'published');

      // 2: discard the next (j, d, confirm).
      await page.keyboard.press('j');
      await page.keyboard.press('d');
      await confirm(page, /Discard 1 story\?/);
      assert.match((await page.locator('.notice[role=status]').textContent()) ?? '', /Discarded 1 story\./);
      assert.equal(await getArticle(desk.store.db, await storyOf('p1-e002-a')), null);
      assert.equal(await getArticle(desk.store.db, await storyOf('p1-e003-a')).then((a) => a?.status), 'draft');

      // 3: j, j to the embargoed story: p is refused on the page, nothing is sent.
      assert.equal(await firstHeadline(page), headline('p1-e003-a'));
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await page.keyboard.press('k');
      await page.keyboard.press('j');
      assert.equal(await page.locator('.triage-row.is-current .t-headline').textContent(), headline(EMBARGOED));
      await page.keyboard.press('p');
      await page.getByText('Publish is not possible for this story now.').waitFor();
      assert.equal((await getArticle(desk.store.db, await storyOf(EMBARGOED)))!.status, 'draft');

      // 4 and 5: choose the first two with x and discard them together from the bulk bar.
      await page.keyboard.press('k');
      await page.keyboard.press('x');
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await page.keyboard.press('x');
      await page.click('#bulk button[value=discard]');
      await confirm(page, /Discard 2 stories\?/);
      assert.match((await page.locator('.notice[role=status]').textContent()) ?? '', /Discarded 2 stories\./);
      assert.equal(await getArticle(desk.store.db, await storyOf('p1-e003-a')), null);
      assert.equal(await getArticle(desk.store.db, await storyOf('p1-e005-a')), null);
      assert.equal((await getArticle(desk.store.db, await storyOf(EMBARGOED)))!.status, 'draft');

      // o opens the current story in the editor.
      await page.keyboard.press('j');
      await Promise.all([page.waitForURL(/\/newsroom\/articles\/\d+$/), page.keyboard.press('o')]);
      await page.goto(`${desk.base}/newsroom/inbox`);

      // ? shows the keys; Escape closes them.
      await page.keyboard.press('?');
      await page.locator('#triage-help').waitFor({ state: 'visible' });
      await axe(page, 'inbox help');
      await page.keyboard.press('Escape');
      await page.locator('#triage-help').waitFor({ state: 'hidden' });

      // A story comes in while the page is open: the page says so without a reload.
      await page.locator('#arrivals a', { hasText: 'Check for new copy' }).waitFor();
      await ingestWireItem(desk.store.db, wire('p1-e009-a'));
      await page.locator('#arrivals a', { hasText: '1 new — show' }).waitFor({ timeout: 10_000 });
      await Promise.all([page.waitForURL(/since=/), page.click('#arrivals a')]);
      assert.equal(await firstHeadline(page), headline('p1-e009-a'));
      assert.equal(await page.locator('.triage-row.is-fresh').count(), 1);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('fits a 390 px phone without sideways scrolling, opened or not, and passes axe', async () => {
    const context = await desk.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      await signIn(page);
      const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(await sideways(), 0);
      await axe(page, 'inbox at 390 px');
      await page.locator('.triage-row summary').first().click();
      assert.equal(await sideways(), 0, 'an opened story fits too');
      await axe(page, 'inbox at 390 px, opened');
      // Without a dialog, the confirmation is a page of its own: it fits and passes too.
      await page.locator('.triage-row .pick').first().check();
      await page.evaluate(() => document.getElementById('bulk')!.removeAttribute('data-confirm'));
      await Promise.all([page.waitForURL(/\/newsroom\/inbox\/bulk$/), page.click('#bulk button[value=publish]')]);
      assert.match((await page.locator('h1').textContent()) ?? '', /Publish 1 story\?/);
      assert.equal(await sideways(), 0);
      await axe(page, 'confirmation at 390 px');
    } finally {
      await context.close();
    }
  });
});
