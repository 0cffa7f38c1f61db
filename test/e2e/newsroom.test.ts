/// <reference lib="dom" />
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { seedDemo } from '../../src/demo/seed.js';
import { addViews } from '../../src/audience/reads.js';
import { repoRoot } from '../helpers/cli.js';
import { deskSession } from './desk-session.js';

const SHOTS = path.join(repoRoot, 'test-results');

describe('the newsroom in a real browser', () => {
  let photo: string;
  const desk = deskSession({
    user: { email: 'chief@example.org', displayName: 'Chief', role: 'editor' },
    seed: async (store, testDb) => {
      await seedDemo(store.db, { dataDir: testDb.dataDir });
      photo = path.join(testDb.dataDir, 'photo.jpg');
      await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#2a6f97' } })
        .jpeg()
        .toFile(photo);
      fs.mkdirSync(SHOTS, { recursive: true });
    },
  });
  const { axe } = desk;

  it('signs in, writes with an uploaded image, previews, publishes, updates and unpublishes', async () => {
    const context = await desk.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await desk.signIn(page, { onForm: (form) => axe(form, 'sign-in') });
      await axe(page, 'dashboard');

      await page.click('text=New article');
      await axe(page, 'new article');
      await page.fill('#headline', 'River Ferry Service Resumes After Repairs');
      await page.fill('#standfirst', 'The ferry is back after three weeks in dry dock.');
      // The rich-text editor stands in for the body textarea.
      await page.locator('.rich-editor').click();
      await page.keyboard.type('The ferry resumed its crossings on Monday.');
      await page.click('.rich-toolbar button:has-text("Paragraph")');
      await page.fill('#datelineCity', 'Dhaka');
      await page.selectOption('#edition', 'south-asia');
      await page.fill('#countryNames', 'Bangladesh');
      await page.check('input[name=sectors][value=transport]');
      await page.click('form.article-form button[type=submit]');
      await page.waitForURL(/\/newsroom\/articles\/\d+$/);
      const id = /\/(\d+)$/.exec(page.url())![1];
      assert.match(await page.inputValue('#body'), /The ferry resumed its crossings on Monday\./);

      // A draft saves itself while it is edited.
      await page.locator('.rich-editor').click();
      await page.keyboard.press('End');
      await page.keyboard.type(' Timetables are unchanged.');
      await page.locator('.autosave', { hasText: 'Draft saved at' }).waitFor({ timeout: 30_000 });
      await page.reload();
      assert.match(await page.inputValue('#body'), /Timetables are unchanged\./);

      await page.setInputFiles('#hero-file', photo);
      await page.fill('#hero-alt', 'A ferry crossing a wide river');
      await page.fill('#hero-credit', 'Desk photographer');
      await page.click('text=Upload and use as hero image');
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      assert.equal(await page.locator('#hero-h + figure img').count(), 1);
      await axe(page, 'editor');
      await page.screenshot({ path: path.join(SHOTS, 'newsroom-editor.png'), fullPage: true });

      const preview = await context.newPage();
      await preview.goto(`${desk.base}/newsroom/articles/${id}/preview`);
      assert.equal(await preview.locator('h1').innerText(), 'River Ferry Service Resumes After Repairs');
      assert.match(await preview.locator('figcaption').innerText(), /Photo: Desk photographer/);
      await preview.close();

      await page.click('button:has-text("Publish now")');
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      await page.goto(`${desk.base}/edition/south-asia`);
      const link = page.locator('a', { hasText: 'River Ferry Service Resumes After Repairs' }).first();
      const href = await link.getAttribute('href');
      assert.ok(href);
      const rss = await (await page.request.get(`${desk.base}/rss.xml`)).text();
      assert.match(rss, /River Ferry Service Resumes After Repairs/);
      await page.goto(desk.base + href);
      const firstByline = await page.locator('.byline').innerText();
      assert.match(firstByline, /Updated: (.+) IST \| Created: \1 IST$/);

      // Update it as though it had been published an hour ago (moving the story's times, not
      // waiting for the clock): the Updated time moves to now, Created stays.
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
      await desk.store.db
        .updateTable('articles')
        .set({ created_at: hourAgo, published_at: hourAgo, updated_at: hourAgo })
        .where('id', '=', Number(id))
        .execute();
      await page.goto(`${desk.base}/newsroom/articles/${id}`);
      await page.fill('#standfirst', 'The ferry is back after three weeks in dry dock, with new engines.');
      await page.click('form.article-form button[type=submit]');
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      assert.equal(await page.locator('.notice[role=alert]').count(), 0, 'saved without errors');
      // Pages may be cached for a minute (Cache-Control: max-age=60): a reload revalidates.
      await page.goto(desk.base + href);
      await page.reload();
      const [, updated, created] = /Updated: (.+) \| Created: (.+)$/.exec(await page.locator('.byline').innerText())!;
      assert.notEqual(updated, created);

      await page.goto(`${desk.base}/newsroom/articles/${id}`);
      await page.click('button:has-text("Unpublish")');
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      const gone = await page.request.get(desk.base + href);
      assert.equal(gone.status(), 410);
      await page.goto(`${desk.base}/newsroom/articles`);
      await axe(page, 'article list');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
  it('on a 390 px phone nothing scrolls sideways; an editor pins a lead from the phone and readers see it lead', async () => {
    const context = await desk.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    try {
      await desk.signIn(page);
      await page.goto(`${desk.base}/newsroom/articles`);
      const editorHref = await page.locator('.desk-table tbody a').first().getAttribute('href');
      for (const [name, url] of [
        ['dashboard', '/newsroom'],
        ['editor', editorHref!],
        ['inbox', '/newsroom/inbox'],
        ['article list', '/newsroom/articles'],
        ['front page screen', '/newsroom/front'],
      ] as const) {
        await page.goto(desk.base + url);
        assert.equal(await sideways(), 0, `${name} scrolls sideways at 390 px`);
        await page.screenshot({ path: path.join(SHOTS, `newsroom-${name.replace(/\W+/g, '-')}-phone.png`), fullPage: true });
      }
      await axe(page, 'front page screen');

      // Pin the story readers now see second, as the lead.
      const second = await page.locator('.front-now li').nth(1).locator('a').innerText();
      const value = await page.locator('#story-0 option', { hasText: second }).first().getAttribute('value');
      await page.selectOption('#story-0', value!);
      assert.match(await page.inputValue('#until-0'), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'the end of the pin is filled in');
      await page.click('button:has-text("Save the front page")');
      await page.waitForURL(/\/newsroom\/front\?edition=global&saved=1$/);
      assert.match(await page.locator('[role=status]').innerText(), /saved/);
      assert.match(
        await page.locator('.front-now li').first().innerText(),
        new RegExp(`^Lead: ${second.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(pinned until`),
      );
      await page.goto(`${desk.base}/`);
      assert.equal(await page.locator('.top .card.lead h3 a').innerText(), second, 'the pinned story leads the front');
      await page.goto(`${desk.base}/newsroom/front`);
      await page.click('button:has-text("Remove every pin")');
      await page.waitForURL(/saved=1$/);
      assert.match(await page.locator('.front-now li').first().innerText(), /\(newest/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it("the article list shows each story's reads and sorts by them; the editor shows the story's figures", async () => {
    const context = await desk.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await desk.signIn(page);
      await page.goto(`${desk.base}/newsroom/articles?status=published`);
      assert.deepEqual((await page.locator('.desk-table thead th').allInnerTexts()).slice(-3), ['This hour', '24 h', 'Reads']);
      // The tenth most recent story gets the most reads this hour by far.
      const tenth = page.locator('.desk-table tbody tr').nth(9);
      const headline = await tenth.locator('a').first().innerText();
      const href = (await tenth.locator('a').first().getAttribute('href'))!;
      await addViews(desk.store.db, [{ articleId: Number(href.split('/').pop()), at: new Date(), views: 987_654 }]);
      await page.selectOption('#f-sort', 'hour');
      await page.click('form.filters button[type=submit]');
      await page.waitForURL(/sort=hour/);
      const first = page.locator('.desk-table tbody tr').first();
      assert.equal(await first.locator('a').first().innerText(), headline);
      assert.equal(await first.locator('td.figure').first().innerText(), '987,654');
      assert.match(await page.locator('.reads-window p').innerText(), /^Reads this hour, among the \d+ most recent stories of this list/);
      assert.equal(await page.locator('#f-sort').inputValue(), 'hour');
      await axe(page, 'article list sorted by reads');
      await page.screenshot({ path: path.join(SHOTS, 'newsroom-article-list-by-reads.png'), fullPage: true });
      await first.locator('a').first().click();
      await page.waitForURL(`${desk.base}${href}`);
      assert.match(await page.locator('.story-reads').innerText(), /This hour\s+987,\d{3}/);
      await axe(page, 'editor with reads');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
