/// <reference lib="dom" />
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { getArticle } from '../../src/content/articles.js';
import { storeUploadedImage } from '../../src/content/uploads.js';
import { seedDemo } from '../../src/demo/seed.js';
import { repoRoot } from '../helpers/cli.js';
import { deskSession } from './desk-session.js';

const SHOTS = path.join(repoRoot, 'test-results');

describe('the article editor’s tools in a real browser', () => {
  const desk = deskSession({
    user: { email: 'tools@example.org', displayName: 'Tools Editor', role: 'editor' },
    seed: async (store, testDb) => {
      await seedDemo(store.db, { dataDir: testDb.dataDir });
      const png = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#2a6f97' } })
        .png()
        .toBuffer();
      await storeUploadedImage(store.db, testDb.dataDir, png, {
        altText: 'A lighthouse at dusk',
        caption: 'The Kovalam lighthouse at dusk',
        credit: 'Desk photographer',
        digitalSourceType: 'digitalCapture',
      });
      fs.mkdirSync(SHOTS, { recursive: true });
    },
  });
  const { axe, signIn } = desk;

  it('picks a country by name, schedules in the edition’s zone and sees it, picks the hero in the picker', async () => {
    const context = await desk.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await signIn(page);
      await page.goto(`${desk.base}/newsroom/articles/new`);
      await page.fill('#headline', 'Fishing Fleet Returns To Kovalam');
      await page.fill('#standfirst', 'Boats are back after the monsoon ban.');
      await page.selectOption('#edition', 'south-asia');
      // The name chosen from the list becomes a ticked box holding its code.
      await page.fill('#countryNames', 'Sri Lanka');
      await page.locator('input[name=countries][value=LK]').waitFor();
      assert.equal(await page.inputValue('#countryNames'), '');
      await page.fill('#countryNames', 'India');
      await axe(page, 'new article');
      await page.click('form.article-form button[type=submit]');
      await page.waitForURL(/\/newsroom\/articles\/\d+$/);
      const id = Number(/\/(\d+)$/.exec(page.url())![1]);
      assert.deepEqual((await getArticle(desk.store.db, id))!.countries, ['LK', 'IN']);
      assert.deepEqual(
        (await page.locator('.chosen-countries label').allInnerTexts()).map((t) => t.trim()),
        ['Sri Lanka', 'India'],
      );

      // Scheduled in the edition's zone, and shown there.
      assert.match(await page.locator('label[for=at]').innerText(), /South Asia, Asia\/Kolkata/);
      await page.fill('#at', '2030-01-15T14:30');
      await page.click('button:has-text("Schedule")');
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      assert.match(await page.locator('.scheduled-for').innerText(), /15-01-2030 14:30 IST \(South Asia, Asia\/Kolkata\), 2030-01-15 09:00 UTC/);
      assert.equal(await page.inputValue('#at'), '2030-01-15T14:30');

      // The hero from the picker: search, pick, back in the editor.
      await page.click('text=Choose a hero image');
      await page.fill('#media-q', 'kovalam lighthouse');
      await page.click('button:has-text("Search")');
      await page.waitForURL(/q=kovalam/);
      assert.equal(await page.locator('.media-grid li').count(), 1);
      await axe(page, 'media picker');
      await page.click('button:has-text("Use this image")');
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      const hero = (await getArticle(desk.store.db, id))!.hero!;
      assert.equal(hero.caption, 'The Kovalam lighthouse at dusk');
      assert.equal(await page.inputValue('input[name=heroMediaId]'), String(hero.id));

      // A click on the image sets the focal point.
      assert.deepEqual(errors, []);
      assert.equal(await page.locator('[data-focal-marker]').isVisible(), true, 'the script shows the marker');
      const image = page.locator('[data-focal-image]');
      await image.scrollIntoViewIfNeeded();
      const box = (await image.boundingBox())!;
      await image.click({ position: { x: box.width * 0.25, y: box.height * 0.75 } });
      assert.equal(await page.inputValue('#focal-x'), '0.25');
      assert.equal(await page.inputValue('#focal-y'), '0.75');
      await page.click('button:has-text("Set focal point")');
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      assert.deepEqual((await getArticle(desk.store.db, id))!.hero!.focal, { x: 0.25, y: 0.75 });
      await axe(page, 'editor');
      await page.screenshot({ path: path.join(SHOTS, 'editor-tools.png'), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('at 390 px the editor and the picker pass axe and do not scroll sideways', async () => {
    const context = await desk.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    try {
      await signIn(page);
      const { id } = await desk.store.db
        .selectFrom('articles')
        .select('id')
        .where('headline', '=', 'Fishing Fleet Returns To Kovalam')
        .executeTakeFirstOrThrow();
      await page.goto(`${desk.base}/newsroom/articles/${id}`);
      await axe(page, 'editor at 390');
      assert.equal(await sideways(), 0, 'editor');
      await page.goto(`${desk.base}/newsroom/articles/${id}/media`);
      await axe(page, 'picker at 390');
      const wide = await page.evaluate(() =>
        Array.from(document.querySelectorAll('main *'))
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth)
          .map((e) => e.tagName + '.' + e.className + '#' + e.id)
          .slice(0, 5),
      );
      assert.equal(await sideways(), 0, `picker: ${wide.join(' ')}`);
    } finally {
      await context.close();
    }
  });
});
