/// <reference lib="dom" />
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { listArticles } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { seedDemo } from '../../src/demo/seed.js';
import { articlePath, imagePath } from '../../src/presentation/urls.js';
import { TestDatabase } from '../helpers/databases.js';
import { launchBrowser } from './browser.js';
import { openSuite } from '../helpers/suite.js';

/*
 * Every public form, submitted by chromium as a reader would, to the page that follows: the
 * newsletter page (and its confirmation link), the footer sign-up, feedback, search. If the
 * site refused a form from its own pages (as it did under `Referrer-Policy: no-referrer`), this
 * fails. And the site's images load on a page of another origin.
 */

describe('public forms and images in a real browser', () => {
  const testDb = new TestDatabase('sqlite');
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let cleanup: () => Promise<void>;
  let article = '';
  let hero = '';
  const outbox = () => path.join(testDb.dataDir, 'outbox');

  before(async () => {
    await testDb.create();
    ({ store, app } = await openSuite(testDb, { taxonomy: false, app: true, env: { SITE_URL: 'http://127.0.0.1' } }));
    await seedDemo(store.db, { dataDir: testDb.dataDir });
    const story = (await listArticles(store.db, { kind: 'news', limit: 20 })).items.find((a) => a.hero)!;
    article = articlePath(story);
    hero = imagePath(story.hero!.file, 640);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    ({ browser, cleanup } = await launchBrowser());
  });
  after(async () => {
    await cleanup?.();
    await app?.close();
    await testDb.destroy();
  });

  /** The next message written to the outbox after `known` files, once the background sender has written it. */
  async function nextMail(known: number): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const files = fs.existsSync(outbox())
        ? fs
            .readdirSync(outbox())
            .filter((f) => f.endsWith('.eml'))
            .sort()
        : [];
      if (files.length > known) return fs.readFileSync(path.join(outbox(), files.at(-1)!), 'utf8');
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('no mail arrived in the outbox');
  }
  const mails = () => (fs.existsSync(outbox()) ? fs.readdirSync(outbox()).filter((f) => f.endsWith('.eml')).length : 0);

  async function page(): Promise<{ page: Page; done: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const p = await context.newPage();
    return { page: p, done: () => context.close() };
  }

  it('subscribes from the newsletter page, and confirms from the emailed link', async () => {
    const { page: p, done } = await page();
    try {
      const before = mails();
      await p.goto(`${base}/newsletter`);
      await p.fill('#nl-email', 'reader.one@example.org');
      await p.locator('input[name=editions]').first().check();
      await p.click('form.stack button[type=submit]');
      assert.equal(await p.locator('h1').innerText(), 'Check your inbox');
      const mail = await nextMail(before);
      const link = /(http:\/\/127\.0\.0\.1[^\s"<>]*\/newsletter\/confirm\?t=[^\s"<>]+)/.exec(mail.replace(/=\r?\n/g, '').replace(/=3D/g, '='))![1]!;
      await p.goto(link.replace('http://127.0.0.1', base));
      await p.click('button:has-text("Confirm my subscription")');
      assert.equal(await p.locator('h1').innerText(), 'You are subscribed');
      const row = await store.db.selectFrom('newsletter_subscribers').select('status').where('email', '=', 'reader.one@example.org').executeTakeFirstOrThrow();
      assert.equal(row.status, 'confirmed');
    } finally {
      await done();
    }
  });

  it('subscribes from the footer of an article', async () => {
    const { page: p, done } = await page();
    try {
      await p.goto(`${base}${article}`);
      await p.fill('#footer-nl-email', 'reader.two@example.org');
      await p.click('form.footer-signup button[type=submit]');
      assert.equal(await p.locator('h1').innerText(), 'Check your inbox');
      assert.ok(await store.db.selectFrom('newsletter_subscribers').select('id').where('email', '=', 'reader.two@example.org').executeTakeFirst());
    } finally {
      await done();
    }
  });

  it('sends feedback about a story from its page', async () => {
    const { page: p, done } = await page();
    try {
      await p.goto(`${base}${article}`);
      await p.click('a:has-text("Give feedback on this story")');
      await p.fill('#fb-name', 'A Reader');
      await p.fill('#fb-email', 'reader.three@example.org');
      await p.fill('#fb-message', 'The second paragraph has the wrong year.');
      await p.click('form.stack button[type=submit]');
      assert.equal(await p.locator('h1').innerText(), 'Thank you');
      const row = await store.db
        .selectFrom('feedback')
        .select(['message', 'from_path'])
        .where('email', '=', 'reader.three@example.org')
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { message: 'The second paragraph has the wrong year.', from_path: article });
    } finally {
      await done();
    }
  });

  it('searches from the menu', async () => {
    const { page: p, done } = await page();
    try {
      await p.goto(`${base}/`);
      await p.click('details.menu summary');
      await p.fill('#menu-q', 'water');
      await p.click('form.menu-search button[type=submit]');
      await p.waitForURL(/\/search\?q=water/);
      assert.ok((await p.locator('main a[href^="/article/"]').count()) > 0, 'results');
    } finally {
      await done();
    }
  });

  it('shows the site’s images on a page of another origin', async () => {
    const other = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>Elsewhere</title><img id="pic" src="${base}${hero}" alt="">`);
    });
    await new Promise<void>((r) => other.listen(0, 'localhost', () => r()));
    const { page: p, done } = await page();
    try {
      const port = (other.address() as { port: number }).port;
      await p.goto(`http://localhost:${port}/`);
      await p.waitForFunction(() => (document.getElementById('pic') as HTMLImageElement).complete);
      assert.ok((await p.evaluate(() => (document.getElementById('pic') as HTMLImageElement).naturalWidth)) > 0, 'the image loaded');
    } finally {
      await done();
      await new Promise((r) => other.close(r));
    }
  });
});
