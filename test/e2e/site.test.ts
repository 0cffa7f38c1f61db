/// <reference lib="dom" />
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { listArticles } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { seedDemo } from '../../src/demo/seed.js';
import { slugOf } from '../../src/util/slug.js';
import { articlePath, authorPath } from '../../src/presentation/urls.js';
import { testApp } from '../helpers/app.js';
import { TestDatabase } from '../helpers/databases.js';
import { repoRoot } from '../helpers/cli.js';
import { launchBrowser } from './browser.js';

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 768 } } as const;
const SHOTS = path.join(repoRoot, 'test-results');

describe('the public site in a real browser', () => {
  const testDb = new TestDatabase('sqlite');
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let cleanup: () => Promise<void>;
  let store: Store;
  const pages: Record<string, string> = {};
  let otherArticle = '';

  before(async () => {
    await testDb.create();
    store = await testDb.open();
    await seedDemo(store.db, { dataDir: testDb.dataDir });
    // A wire story, so that the page has every block (sources line included).
    const article = (await listArticles(store.db, { kind: 'news', limit: 50 })).items.find((a) => a.sources.length > 0 && a.hero)!;
    otherArticle = articlePath((await listArticles(store.db, { kind: 'news', limit: 50 })).items.find((a) => a.id !== article.id)!);
    const author = (await listArticles(store.db, { kind: ['opinion', 'blog', 'interview'], limit: 50 })).items.find((a) => 'authors' in a.byline);
    assert.ok(author && 'authors' in author.byline, 'the demo has a piece with a named author');
    Object.assign(pages, {
      front: '/',
      article: articlePath(article),
      sector: '/sector/health',
      search: '/search?q=water',
      static: '/page/about',
      author: authorPath(slugOf(author.byline.authors[0]!.name)),
      trending: '/trending',
      newsletter: '/newsletter',
      countries: '/countries',
    });
    app = await testApp(testDb, store);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    ({ browser, cleanup } = await launchBrowser());
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await cleanup?.();
    await app?.close();
    await testDb.destroy();
  });

  async function open(name: string, viewport: keyof typeof VIEWPORTS): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser.newContext({ viewport: VIEWPORTS[viewport] })).newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    const res = await page.goto(base + pages[name], { waitUntil: 'networkidle' });
    assert.equal(res?.status(), 200, `${name} answered ${res?.status()}`);
    return { page, errors };
  }

  for (const viewport of ['phone', 'desktop'] as const) {
    for (const name of ['front', 'article', 'sector', 'search', 'static', 'author', 'trending', 'newsletter', 'countries']) {
      it(`${name} page at ${viewport} size: no axe violations, no console errors, no sideways scrolling`, async () => {
        const { page, errors } = await open(name, viewport);
        try {
          const axe = await new AxeBuilder({ page }).analyze();
          const violations = axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target.join(' ')}`);
          assert.deepEqual(violations, []);
          assert.deepEqual(errors, []);
          if (viewport === 'phone') {
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
          }
          assert.equal(await page.locator('h1').count(), 1);
          await page.screenshot({ path: path.join(SHOTS, `${name}-${viewport}.png`), fullPage: true });
        } finally {
          await page.context().close();
        }
      });
    }
  }

  it('the article page shows its anatomy in order', async () => {
    const { page } = await open('article', 'phone');
    try {
      // (Functions handed to evaluate stay anonymous: tsx's name helper does not exist in the page.)
      const missing = await page.evaluate(
        (selectors) => selectors.filter((sel) => !document.querySelector(sel)),
        ['h1', '.standfirst', '.byline', 'figure figcaption', '.tags', '.body', '.sources', '.trending', '#side-opinion', '#side-shots', '#side-latest'],
      );
      assert.deepEqual(missing, []);
      const positions = await page.evaluate(() =>
        ['h1', '.standfirst', '.byline', 'figure', '.tags', '.body', '.sources', '.trending'].map((sel) => {
          const el = document.querySelector(sel)!;
          return el.getBoundingClientRect().top + window.scrollY;
        }),
      );
      assert.deepEqual(
        positions,
        [...positions].sort((a, b) => a - b),
        'blocks appear top to bottom in order on a phone',
      );
      assert.match(
        await page.locator('.byline').innerText(),
        /^.+ \| .+ \| Updated: \d\d-\d\d-\d{4} \d\d:\d\d [A-Z]{3,4} \| Created: \d\d-\d\d-\d{4} \d\d:\d\d [A-Z]{3,4}$/,
      );
      assert.match(await page.locator('figure figcaption').innerText(), /not a photograph/);
    } finally {
      await page.context().close();
    }
  });

  it('the menu opens from the keyboard and its links can be reached', async () => {
    const { page } = await open('front', 'phone');
    try {
      assert.equal(await page.locator('.menu-panel').isVisible(), false);
      await page.keyboard.press('Tab'); // skip link
      await page.keyboard.press('Tab'); // Menu
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Menu');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('details.menu').getAttribute('open'), '');
      assert.equal(await page.locator('.menu-panel').isVisible(), true);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'menu-q');
      await page.keyboard.type('water');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/search\?q=water/);
      assert.match(await page.locator('[role=status]').innerText(), /stor(y|ies) match/);
    } finally {
      await page.context().close();
    }
  });

  it('reading an article sends one beacon and the read is counted once; without JavaScript the pixel counts it', async () => {
    // A reader's browser: chromium's headless user agent says HeadlessChrome, which is a bot.
    const userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
    const idOf = (p: string) => Number(/^\/article\/(\d+)-/.exec(p)![1]);
    const stored = async (id: number) =>
      Number(
        (
          await store.db
            .selectFrom('article_views')
            .select((eb) => eb.fn.sum<number>('views').as('n'))
            .where('article_id', '=', id)
            .executeTakeFirst()
        )?.n ?? 0,
      );
    const storedBefore = await stored(idOf(pages.article!));
    const before = app.viewCounter.stats();

    const context = await browser.newContext({ userAgent, viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    const beacons: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/views')) beacons.push(`${r.method()} ${r.postData()}`);
    });
    try {
      const answered = page.waitForResponse((r) => r.url() === `${base}/api/v1/views`);
      await page.goto(base + pages.article, { waitUntil: 'networkidle' });
      assert.equal((await answered).status(), 204);
      assert.deepEqual(beacons, [`POST ${idOf(pages.article!)}`]);
      assert.equal(app.viewCounter.stats().accepted, before.accepted + 1);
      // Reading it again at once is a repeat.
      const again = page.waitForResponse((r) => r.url() === `${base}/api/v1/views`);
      await page.reload({ waitUntil: 'networkidle' });
      await again;
      assert.equal(app.viewCounter.stats().accepted, before.accepted + 1);
      assert.equal(app.viewCounter.stats().duplicates, before.duplicates + 1);
      await app.viewCounter.flush();
      assert.equal(await stored(idOf(pages.article!)), storedBefore + 1, 'written to the hourly buckets');
    } finally {
      await context.close();
    }

    const noJs = await browser.newContext({ userAgent, javaScriptEnabled: false, viewport: VIEWPORTS.phone });
    try {
      const pixel = (await noJs.newPage()).waitForResponse((r) => r.url() === `${base}/api/v1/views/${idOf(otherArticle)}.gif`);
      await noJs.pages()[0]!.goto(base + otherArticle);
      assert.equal((await pixel).status(), 200);
      assert.equal(app.viewCounter.stats().accepted, before.accepted + 2);
    } finally {
      await noJs.close();
    }
  });

  it('reads and navigates with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    try {
      await page.goto(base + pages.front);
      await page.locator('details.menu summary').click();
      await page.locator('.menu-panel a', { hasText: 'Opinion' }).first().click();
      await page.waitForURL(/\/opinion$/);
      await page.locator('.cards a').first().click();
      await page.waitForURL(/\/article\/\d+-/);
      assert.equal(await page.locator('h1').count(), 1);
      assert.ok((await page.locator('.body p').count()) >= 3);
    } finally {
      await context.close();
    }
  });
});
