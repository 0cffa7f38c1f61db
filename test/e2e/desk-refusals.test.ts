/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page, Response } from 'playwright-core';
import { getArticle } from '../../src/content/articles.js';
import { saveEdition } from '../../src/content/taxonomy.js';
import { databaseKinds } from '../helpers/databases.js';
import { addStory, smallTaxonomy, testActor } from '../helpers/fixtures.js';
import { deskSession } from './desk-session.js';

/*
 * A form the desk refuses (422), in chromium: the same screen comes back with the reason at the
 * top and what the person typed still in the boxes, and nothing is saved. Then the corrected form
 * goes through.
 */

for (const kind of databaseKinds()) {
  describe(`forms the desk refuses, in a real browser [${kind}]`, () => {
    const desk = deskSession({
      kind,
      user: { email: 'refused@example.org', displayName: 'Refused Editor', role: 'editor' },
      seed: async (store) => {
        await smallTaxonomy(store.db);
        await saveEdition(
          store.db,
          { slug: 'uk', name: 'UK', timeZone: 'Europe/London', locale: 'en-GB', tzAbbreviation: 'GMT', tzAbbreviationDst: 'BST', position: 2 },
          testActor(),
        );
      },
    });
    const articleCount = async () =>
      Number(
        (
          await desk.store.db
            .selectFrom('articles')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    /** Clicks `button` and gives the answer to the form it sends (a POST to `path`). */
    async function send(page: Page, button: string, path: string | RegExp): Promise<Response> {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && (typeof path === 'string' ? new URL(r.url()).pathname === path : path.test(r.url()))),
        page.click(button),
      ]);
      await page.waitForLoadState('domcontentloaded');
      return response;
    }

    it('refuses a country it does not know with 422, names it, keeps every field typed, and takes the corrected form', async () => {
      const context = await desk.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await desk.signIn(page);
        await page.goto(`${desk.base}/newsroom/articles/new`);
        await page.fill('#headline', 'Unsaved Story About Narnia');
        await page.fill('#standfirst', 'A wardrobe opens onto a snowy country.');
        await page.locator('.rich-editor').click();
        await page.keyboard.type('The lamp-post still stands in the wood.');
        await page.fill('#datelineCity', 'Kochi');
        await page.selectOption('#edition', 'south-asia');
        await page.check('input[name=sectors][value=education]');
        await page.fill('#countryNames', 'India, Narnia');
        const before = await articleCount();

        const refused = await send(page, 'form.article-form button[type=submit]', '/newsroom/articles');
        assert.equal(refused.status(), 422);
        assert.match(await page.locator('.notice[role=alert]').innerText(), /there is no country called "Narnia"/);
        assert.equal(await page.inputValue('#headline'), 'Unsaved Story About Narnia');
        assert.equal(await page.inputValue('#standfirst'), 'A wardrobe opens onto a snowy country.');
        assert.match(await page.inputValue('#body'), /The lamp-post still stands in the wood\./);
        assert.match(await page.locator('.rich-editor').innerText(), /The lamp-post still stands in the wood\./, 'the rich-text editor shows it too');
        assert.equal(await page.inputValue('#datelineCity'), 'Kochi');
        assert.equal(await page.inputValue('#edition'), 'south-asia');
        assert.equal(await page.isChecked('input[name=sectors][value=education]'), true);
        assert.equal(await page.inputValue('#countryNames'), 'India, Narnia');
        assert.equal(await articleCount(), before, 'nothing was saved');
        await desk.axe(page, 'refused article form');

        await page.fill('#countryNames', 'India');
        const saved = await send(page, 'form.article-form button[type=submit]', '/newsroom/articles');
        assert.equal(saved.status(), 303);
        await page.waitForURL(/\/newsroom\/articles\/\d+$/);
        const article = (await getArticle(desk.store.db, Number(/(\d+)$/.exec(page.url())![1])))!;
        assert.equal(article.headline, 'Unsaved Story About Narnia');
        assert.deepEqual(article.countries, ['IN']);
        assert.deepEqual(article.sectors, ['education']);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    it('refuses a publication time the clocks skip with 422, says which times exist, and keeps the time typed', async () => {
      const story = await addStory(desk.store.db, { edition: 'uk', headline: 'Clocks Go Forward On Sunday' }, { status: 'draft' });
      const context = await desk.browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await desk.signIn(page);
        await page.goto(`${desk.base}/newsroom/articles/${story.id}`);
        assert.match(await page.locator('label[for=at]').innerText(), /UK, Europe\/London/);
        // In London 01:00 GMT on 31 March 2030 is 02:00 BST: there is no 01:30 that night.
        await page.fill('#at', '2030-03-31T01:30');
        const refused = await send(page, 'button:has-text("Schedule")', `/newsroom/articles/${story.id}/schedule`);
        assert.equal(refused.status(), 422);
        assert.match(
          await page.locator('.notice[role=alert]').innerText(),
          /There is no 01:30 on 2030-03-31 in Europe\/London: the clocks go forward then\. Choose a time after the change, such as 02:30\./,
        );
        assert.equal(await page.inputValue('#at'), '2030-03-31T01:30', 'the time typed stays in the box');
        assert.equal((await getArticle(desk.store.db, story.id))!.status, 'draft', 'nothing was scheduled');
        await desk.axe(page, 'refused schedule at 390 px');

        await page.fill('#at', '2030-03-31T02:30');
        const scheduled = await send(page, 'button:has-text("Schedule")', `/newsroom/articles/${story.id}/schedule`);
        assert.equal(scheduled.status(), 303);
        await page.waitForURL(`${desk.base}/newsroom/articles/${story.id}`);
        const after = (await getArticle(desk.store.db, story.id))!;
        assert.equal(after.status, 'scheduled');
        assert.equal(after.scheduledFor, '2030-03-31T01:30:00.000Z');
        assert.equal(await page.inputValue('#at'), '2030-03-31T02:30');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  });
}
