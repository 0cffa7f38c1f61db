/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { submitFeedback } from '../../src/audience/feedback.js';
import { saveAuthor } from '../../src/content/authors.js';
import { notify } from '../../src/content/notifications.js';
import { seedDemo } from '../../src/demo/seed.js';
import { issuePasswordReset } from '../../src/newsroom/password-resets.js';
import { requestSubscription } from '../../src/newsletter/subscribers.js';
import { deskUrls, NEWSROOM } from '../../src/presentation/desk-urls.js';
import { addSubscription } from '../../src/webhooks/subscriptions.js';
import { ingestWireItem } from '../../src/wire/ingest.js';
import { testActor } from '../helpers/fixtures.js';
import { labelled, wire } from '../helpers/wire.js';
import { assertNoAxeViolations, deskSession } from './desk-session.js';

/*
 * Every screen of the newsroom an administrator can open, at a desktop's 1280 px and a phone's
 * 390 px: axe-core finds no violations, and the page does not scroll sideways. Closed <details>
 * are opened and the page checked again, since what they hold is part of the screen. The last
 * test holds the list to the routes: a new GET address under /newsroom fails it until it is
 * checked here (or named below as no screen).
 */

type Address = keyof typeof deskUrls;

/** Addresses that answer GET but are not screens a person reads, and why. (The set-up form
 *  has a route only on a new site, before anyone exists: first-run.test.ts checks it.) */
const NOT_SCREENS: Partial<Record<Address, string>> = {
  inboxEvents: 'server-sent events for the inbox script',
  newsletterPreviewText: 'the digest as plain text',
  subscribersCsv: 'a CSV download',
  exportArticles: 'a JSON Lines download',
  exportAudience: 'a CSV download',
};

interface Screen {
  /** The address in desk-urls.ts it is (the merge screen is an inbox action). */
  address: Address | "inboxAction('merge')";
  name: string;
  path: string;
  status?: number;
  /** axe rules that do not apply to it. */
  disableRules?: string[];
}

/** A digest is an email: a mail client shows it as a message, not as a page with landmarks and a heading of its own. */
const NOT_A_PAGE = ['landmark-one-main', 'page-has-heading-one', 'region'];

const WIRE = ['p1-e001-a', 'p1-e002-a', 'p1-e003-a'];

describe('every desk screen in a real browser: axe and no sideways scrolling', () => {
  const desk = deskSession({
    user: { email: 'admin@example.org', displayName: 'Ada Admin', role: 'admin' },
    seed: async (store, testDb) => {
      const db = store.db;
      await seedDemo(db, { dataDir: testDb.dataDir });
      for (const id of WIRE) await ingestWireItem(db, wire(id));
      // A second version of one item: the inbox links the two for comparing.
      await ingestWireItem(db, wire('p1-e001-a', { version: 2, headline: `${labelled('p1-e001-a').headline}: toll rises` }));
      await saveAuthor(db, { name: 'Desk Correspondent', bio: 'Writes about rivers and the people on them.' }, testActor());
      await addSubscription(db, { url: 'https://93.184.216.34/hook', events: ['publish'], description: 'Partner site' }, testActor());
      await submitFeedback(db, { name: 'A Reader', email: 'reader@example.org', message: 'The ferry story gives the wrong date.', fromPath: '/' });
      await requestSubscription(db, { email: 'subscriber@example.org' });
      await notify(db, { kind: 'embargo-lifted', audience: 'article.publish', title: 'Embargo lifted: a story may go out' });
    },
  });

  const screens: Screen[] = [];
  const signedOut: Screen[] = [];

  before(async () => {
    const db = desk.store.db;
    const one = async <T>(query: Promise<T | undefined>, what: string): Promise<T> => {
      const row = await query;
      assert.ok(row, `the seed has ${what}`);
      return row;
    };
    const published = await one(
      db.selectFrom('articles').select('id').where('status', '=', 'published').where('hero_media_id', 'is not', null).orderBy('id').executeTakeFirst(),
      'a published story with a picture',
    );
    const revised = await one(
      db
        .selectFrom('article_revisions')
        .select(['article_id', (e) => e.fn.min('id').as('first'), (e) => e.fn.max('id').as('last')])
        .groupBy('article_id')
        .having((e) => e(e.fn.countAll(), '>=', 2))
        .orderBy('article_id')
        .executeTakeFirst(),
      'a story with two revisions',
    );
    const versions = await db.selectFrom('wire_items').select(['id', 'version', 'article_id']).where('item_id', '=', 'p1-e001-a').orderBy('version').execute();
    assert.equal(versions.length, 2, 'both versions of the agency item are kept');
    const story = versions[1]!.article_id!;
    const page = await one(db.selectFrom('pages').select('slug').orderBy('slug').executeTakeFirst(), 'a page');
    const source = await one(db.selectFrom('wire_sources').select('id').orderBy('id').executeTakeFirst(), 'a wire source');
    const author = await one(db.selectFrom('authors').select('slug').where('name', '=', 'Desk Correspondent').executeTakeFirst(), 'an author');
    const reset = await issuePasswordReset(db, 'admin@example.org', { ip: '127.0.0.1' });
    assert.ok(reset.issued);

    const id = { id: published.id };
    screens.push(
      { address: 'home', name: 'dashboard', path: deskUrls.home() },
      { address: 'articles', name: 'article list', path: deskUrls.articles() },
      { address: 'articles', name: 'article list, published, by reads', path: deskUrls.articles({ status: 'published', sort: 'hour' }) },
      { address: 'newArticle', name: 'new article', path: deskUrls.newArticle() },
      { address: 'article', name: 'editor', path: deskUrls.article(id) },
      { address: 'article', name: 'editor of agency copy', path: deskUrls.article({ id: story }) },
      { address: 'preview', name: 'preview', path: deskUrls.preview(id) },
      { address: 'revisions', name: 'revisions', path: deskUrls.revisions({ id: revised.article_id }) },
      {
        address: 'articleDiff',
        name: 'changes between revisions',
        path: deskUrls.articleDiff({ id: revised.article_id }, { from: revised.first, to: revised.last }),
      },
      { address: 'heroPicker', name: 'hero picker', path: deskUrls.heroPicker(id) },
      { address: 'media', name: 'media library', path: deskUrls.media() },
      { address: 'inbox', name: 'wire inbox', path: deskUrls.inbox() },
      { address: 'inboxItemDiff', name: 'agency changes', path: deskUrls.inboxItemDiff({ id: versions[1]!.id }, { from: versions[0]!.id }) },
      { address: "inboxAction('merge')", name: 'merge with', path: deskUrls.inboxAction('merge')({ id: story }) },
      { address: 'notifications', name: 'notifications', path: deskUrls.notifications() },
      { address: 'front', name: 'front page', path: deskUrls.front() },
      { address: 'authors', name: 'authors', path: deskUrls.authors() },
      { address: 'author', name: 'author', path: deskUrls.author({ slug: author.slug }) },
      { address: 'audience', name: 'audience and exports', path: deskUrls.audience() },
      { address: 'feedback', name: 'readers’ messages', path: deskUrls.feedback() },
      { address: 'newsletter', name: 'newsletter', path: deskUrls.newsletter() },
      { address: 'newsletterPreview', name: 'newsletter preview', path: deskUrls.newsletterPreview(), disableRules: NOT_A_PAGE },
      { address: 'subscribers', name: 'subscribers', path: deskUrls.subscribers() },
      { address: 'users', name: 'users', path: deskUrls.users() },
      { address: 'settings', name: 'settings', path: deskUrls.settings() },
      { address: 'pages', name: 'pages', path: deskUrls.pages() },
      { address: 'page', name: 'page', path: deskUrls.page({ slug: page.slug }) },
      { address: 'taxonomy', name: 'taxonomy', path: deskUrls.taxonomy() },
      { address: 'sources', name: 'wire sources', path: deskUrls.sources() },
      { address: 'source', name: 'wire source', path: deskUrls.source({ id: source.id }) },
      { address: 'webhooks', name: 'webhooks', path: deskUrls.webhooks() },
      { address: 'audit', name: 'audit log', path: deskUrls.audit() },
      { address: 'article', name: 'a missing article', path: deskUrls.article({ id: 999_999 }), status: 404 },
    );
    signedOut.push(
      { address: 'signIn', name: 'sign-in', path: deskUrls.signIn() },
      { address: 'forgotPassword', name: 'forgotten password', path: deskUrls.forgotPassword() },
      { address: 'resetPassword', name: 'new password', path: deskUrls.resetPassword({ token: reset.issued ? reset.token : '' }) },
    );
  });

  /** What is wrong with the page as it is: axe's violations, and sideways scrolling. */
  async function problemsOf(page: Page, name: string, disableRules?: string[]): Promise<string[]> {
    const problems: string[] = [];
    try {
      await assertNoAxeViolations(page, name, disableRules);
    } catch (error) {
      if (!(error instanceof assert.AssertionError)) throw error;
      problems.push(...(error.actual as string[]));
    }
    const wide = await page.evaluate(() => {
      const root = document.scrollingElement!;
      if (root.scrollWidth <= innerWidth) return null;
      // The innermost elements reaching past the right edge: where to look.
      const past = (e: Element) => e.getBoundingClientRect().right > innerWidth + 0.5;
      const culprits = Array.from(document.body.querySelectorAll('*'))
        .filter((e) => past(e) && !Array.from(e.children).some(past))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.classList.length ? `.${Array.from(e.classList).join('.')}` : ''}`);
      return `${root.scrollWidth} px wide in ${innerWidth} px (${culprits.join(', ')})`;
    });
    if (wide) problems.push(`${name}: scrolls sideways: ${wide}`);
    return problems;
  }

  /** Opens each screen at `width` and gives every problem found, so one run shows them all. */
  async function check(browser: Browser, width: number, list: Screen[], signIn: boolean): Promise<string[]> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    const problems: string[] = [];
    try {
      if (signIn) await desk.signIn(page);
      for (const screen of list) {
        const name = `${screen.name} at ${width} px`;
        const response = await page.goto(desk.base + screen.path);
        if (response?.status() !== (screen.status ?? 200)) problems.push(`${name}: ${screen.path} answered ${response?.status()}`);
        problems.push(...(await problemsOf(page, name, screen.disableRules)));
        const opened = await page.evaluate(() => {
          const closed = Array.from(document.querySelectorAll('details:not([open])'));
          for (const d of closed) (d as HTMLDetailsElement).open = true;
          return closed.length;
        });
        if (opened) problems.push(...(await problemsOf(page, `${name}, ${opened} <details> opened`, screen.disableRules)));
      }
    } finally {
      await context.close();
    }
    return [...problems, ...errors.map((e) => `script error: ${e}`)];
  }

  for (const width of [1280, 390]) {
    it(`at ${width} px every screen passes axe and fits the width`, async () => {
      assert.ok(screens.length > 30);
      assert.deepEqual(await check(desk.browser, width, screens, true), []);
    });
    it(`at ${width} px the screens before sign-in pass axe and fit the width`, async () => {
      assert.deepEqual(await check(desk.browser, width, signedOut, false), []);
    });
  }

  it('checks every newsroom address that answers GET, but downloads, events and the first-run form', () => {
    const checked = new Set<string>([...screens, ...signedOut].map((s) => s.address));
    const unchecked: string[] = [];
    for (const [address, path] of Object.entries(deskUrls)) {
      // The workflow steps are built from a name (articleStep('publish')): POST only, but merge's screen, above.
      if (!('pattern' in path)) continue;
      const answersGet = desk.app.hasRoute({ method: 'GET', url: `${NEWSROOM}${path.pattern}` });
      if (address in NOT_SCREENS) assert.ok(answersGet, `${address} is listed as no screen but has no GET route`);
      else if (answersGet && !checked.has(address)) unchecked.push(address);
    }
    assert.ok(desk.app.hasRoute({ method: 'GET', url: `${NEWSROOM}${deskUrls.inboxAction('merge').pattern}` }));
    assert.deepEqual(unchecked, [], 'screens no test here opens');
  });
});
