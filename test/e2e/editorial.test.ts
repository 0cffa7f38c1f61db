/// <reference lib="dom" />
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { getArticle } from '../../src/content/articles.js';
import { articlePath } from '../../src/presentation/urls.js';
import { ingestWireItem } from '../../src/wire/ingest.js';
import { parseWire } from '../../src/wire/parse.js';
import { repoRoot } from '../helpers/cli.js';
import { smallTaxonomy } from '../helpers/fixtures.js';
import { deskSession } from './desk-session.js';

/*
 * The editorial contract as the desk meets it, in chromium: an embargoed story is refused in the
 * editor and scheduled for the embargo's end; a withheld version takes a live story off the site
 * and shows in the notifications; an edited story survives an agency update, and the desk
 * applies the agency's headline alone.
 */

const SHOTS = path.join(repoRoot, 'test-results');

const ninjs = (id: string, version: number, headline: string, paragraphs: string[], extra: Record<string, unknown> = {}) =>
  parseWire(
    JSON.stringify({
      uri: id,
      version,
      versioncreated: new Date(Date.now() - 3_600_000 + version * 60_000).toISOString(),
      copyrightholder: 'Equator Press Service',
      headline,
      body_html: paragraphs.map((p) => `<p>${p}</p>`).join(''),
      located: [{ name: 'Nairobi', countrycode: 'KE' }],
      ...extra,
    }),
  ).items[0]!;

/** The inbox lists each story as one closed line (<details>): opened, its copy and buttons show. */
async function openStories(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
}

describe('the editorial contract in a real browser', () => {
  const desk = deskSession({
    user: { email: 'desk@example.org', displayName: 'Desk Editor', role: 'editor' },
    seed: async (store) => {
      await smallTaxonomy(store.db);
      fs.mkdirSync(SHOTS, { recursive: true });
    },
  });
  const { axe, signIn } = desk;
  const storyId = async (itemId: string) =>
    (await desk.store.db.selectFrom('wire_items').select('article_id').where('item_id', '=', itemId).where('role', '=', 'primary').executeTakeFirstOrThrow())
      .article_id!;

  it('refuses an embargoed story in the editor and schedules it for the embargo’s end', async () => {
    const embargo = new Date(Date.now() + 26 * 3_600_000);
    embargo.setUTCSeconds(0, 0);
    await ingestWireItem(
      desk.store.db,
      ninjs(
        'eps:e2e-embargo',
        1,
        'Drought Relief Figures Due Before Donor Meeting',
        [
          'Kenya will publish revised drought relief figures on Thursday ahead of a donor meeting in Nairobi, the treasury said.',
          'The figures cover 23 counties where rains failed for a third season.',
        ],
        { embargoed: embargo.toISOString(), ednote: 'Not for use before the treasury briefing.' },
      ),
    );
    const id = await storyId('eps:e2e-embargo');
    const context = await desk.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page);
      await page.click('text=Wire inbox');
      await openStories(page);
      const story = page.locator('section.inbox-story', { hasText: 'Drought Relief Figures Due Before Donor Meeting' });
      assert.match(await story.innerText(), /Embargoed until/);
      assert.match(await story.innerText(), /Not for use before the treasury briefing\./);
      assert.equal(await story.locator('button:has-text("Publish now")').count(), 0, 'the inbox offers no Publish now under an embargo');
      await story.locator('a:has-text("Open as draft")').click();
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      assert.match(await page.locator('.agency-panel .embargo').innerText(), /Embargoed until .* UTC\)\. It cannot be published or scheduled before then\./);
      await axe(page, 'editor under embargo');

      // Publish now is refused, with the reason, and nothing changes.
      await page.click('.workflow button:has-text("Publish now")');
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}/publish$`));
      assert.match(await page.locator('.notice[role=alert]').first().innerText(), /embargo runs until .*: the story cannot go out before then/);
      assert.equal((await getArticle(desk.store.db, id))!.status, 'draft');
      assert.equal((await page.request.get(`${desk.base}${articlePath((await getArticle(desk.store.db, id))!)}`)).status(), 404);

      await page.click('button:has-text("Schedule for when the embargo lifts")');
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      const scheduled = (await getArticle(desk.store.db, id))!;
      assert.equal(scheduled.status, 'scheduled');
      assert.equal(scheduled.scheduledFor, embargo.toISOString());
      assert.match(await page.locator('main').innerText(), /Status: scheduled/);
      await page.screenshot({ path: path.join(SHOTS, 'editor-embargo.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('takes a live story off the site when the agency withholds it, and tells the desk', async () => {
    await ingestWireItem(
      desk.store.db,
      ninjs('eps:e2e-hold', 1, 'Port Authority Names New Dredging Contractor', [
        'The Kenya Ports Authority named a contractor on Monday to deepen the Mombasa channel by two metres.',
        'The contract is worth 18 billion shillings and work should take 14 months.',
      ]),
    );
    const id = await storyId('eps:e2e-hold');
    const context = await desk.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      await signIn(page);
      await page.goto(`${desk.base}/newsroom/articles/${id}`);
      await page.click('.workflow button:has-text("Publish now")');
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      const story = (await getArticle(desk.store.db, id))!;
      assert.equal((await page.request.get(`${desk.base}${articlePath(story)}`)).status(), 200);

      await ingestWireItem(
        desk.store.db,
        ninjs('eps:e2e-hold', 2, 'Port Authority Names New Dredging Contractor', ['Withheld.'], {
          pubstatus: 'withheld',
          ednote: 'Withheld pending a legal review. Do not use.',
        }),
      );
      const gone = await page.goto(`${desk.base}${articlePath(story)}`);
      assert.equal(gone!.status(), 404, 'held: off the site, not 410 Gone');

      await page.goto(`${desk.base}/newsroom`);
      const link = page.locator('a[href="/newsroom/notifications"]');
      assert.match(await link.innerText(), /Notifications \(\d+ unread\)/);
      await link.click();
      const note = page.locator('ol.notifications li', { hasText: 'Off the site: Port Authority Names New Dredging Contractor' });
      assert.match(await note.innerText(), /Withheld pending a legal review\. Do not use\./);
      await axe(page, 'notifications');
      await note.locator('button:has-text("Mark as read")').click();
      await page.waitForURL(`${desk.base}/newsroom/notifications`);
      await note.locator('a').click();
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      assert.match(await page.locator('.agency-panel').innerText(), /Off the site: held because the agency withholds its copy/);
      assert.match(await page.locator('.agency-panel').innerText(), /Publish despite the agency’s hold/);
      await page.screenshot({ path: path.join(SHOTS, 'editor-held.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('keeps the desk’s edits through an agency update, and applies the agency’s headline alone', async () => {
    await ingestWireItem(
      desk.store.db,
      ninjs('eps:e2e-edit', 1, 'Solar Pumps Reach Villages in Turkana', [
        'Solar water pumps now serve 14 villages in Turkana after a two-year programme, the county water office said.',
        'Each pump lifts 20,000 litres a day.',
      ]),
    );
    const id = await storyId('eps:e2e-edit');
    const context = await desk.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await signIn(page);
      await page.goto(`${desk.base}/newsroom/articles/${id}`);
      // The desk adds a paragraph of its own in the rich-text editor, saves and publishes.
      await page.locator('.rich-editor').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Our correspondent saw the pump at Lodwar running at dawn.');
      await page.click('form.article-form button[type=submit]');
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      await page.click('.workflow button:has-text("Publish now")');
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      const edited = (await getArticle(desk.store.db, id))!;
      assert.match(edited.body, /Our correspondent saw the pump at Lodwar/);
      assert.equal(edited.humanEdited, true);

      await ingestWireItem(
        desk.store.db,
        ninjs('eps:e2e-edit', 2, 'Solar Pumps Now Reach 16 Villages in Turkana', [
          'Solar water pumps now serve 16 villages in Turkana after a two-year programme, the county water office said.',
          'Each pump lifts 20,000 litres a day, and two more are planned for March.',
        ]),
      );
      await page.reload();
      const pending = page.locator('.pending-update');
      assert.match(await pending.innerText(), /Equator Press Service sent version 2/);
      assert.equal(await page.inputValue('#headline'), 'Solar Pumps Reach Villages in Turkana', 'the desk’s text stays');
      await axe(page, 'editor with an agency update');
      await page.screenshot({ path: path.join(SHOTS, 'editor-agency-update.png'), fullPage: true });

      await pending.locator('button:has-text("Apply the agency’s headline")').click();
      await page.waitForURL(new RegExp(`/newsroom/articles/${id}$`));
      assert.equal(await page.inputValue('#headline'), 'Solar Pumps Now Reach 16 Villages in Turkana');
      const after = (await getArticle(desk.store.db, id))!;
      assert.equal(after.headline, 'Solar Pumps Now Reach 16 Villages in Turkana');
      assert.match(after.body, /Our correspondent saw the pump at Lodwar/, 'the desk’s body stays');
      assert.doesNotMatch(after.body, /two more are planned/);
      const publicPage = await page.goto(`${desk.base}${articlePath(after)}`);
      assert.equal(publicPage!.status(), 200);
      assert.equal(await page.locator('h1').innerText(), 'Solar Pumps Now Reach 16 Villages in Turkana');
      assert.match(await page.locator('.sources').innerText(), /\(With inputs from agencies\.\)/);
      assert.equal(await page.locator('.ai-note').count(), 0, 'edited and reviewed agency copy needs no note');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('splits a wrongly merged report off from the inbox, then merges it back with "Merge with…"', async () => {
    await ingestWireItem(
      desk.store.db,
      ninjs('eps:e2e-bridge', 1, 'Kisumu Opens 420-Metre Footbridge Over Nyando River', [
        'KISUMU, Kenya (EPS) — A 420-metre footbridge over the Nyando River opened in Kisumu County on Tuesday, linking Ahero market with 14 villages cut off by floods each April.',
        'The Kisumu County roads office said the bridge cost 61 million shillings and can carry 3,000 people an hour.',
      ]),
    );
    await ingestWireItem(
      desk.store.db,
      ninjs(
        'mna:e2e-bridge',
        1,
        'Footbridge links 14 Nyando villages to Ahero market',
        [
          'Kisumu, 3 Dec (MNA) - Villagers in Kisumu County can now cross the Nyando River on foot all year after a 420-metre bridge to Ahero market was opened on Tuesday.',
          'The bridge cost 61 million shillings, the Kisumu County roads office said, and will serve 14 villages that floods isolate every April.',
        ],
        { copyrightholder: 'Meridian News Agency' },
      ),
    );
    const merged = await desk.store.db
      .selectFrom('wire_items')
      .select(['article_id', 'role'])
      .where('item_id', '=', 'mna:e2e-bridge')
      .executeTakeFirstOrThrow();
    const id = await storyId('eps:e2e-bridge');
    assert.deepEqual(merged, { article_id: id, role: 'duplicate' }, 'the two reports were merged by the detector');
    const context = await desk.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page);
      await page.click('text=Wire inbox');
      await openStories(page);
      const story = page.locator('section.inbox-story', { hasText: 'Kisumu Opens 420-Metre Footbridge Over Nyando River' });
      assert.match(await story.innerText(), /Why: score/);
      await story.locator('button:has-text("Split off: not the same event")').click();
      await page.waitForURL(/\/newsroom\/inbox#story-\d+$/);
      await openStories(page);
      const splitId = Number(/#story-(\d+)$/.exec(page.url())![1]);
      const split = page.locator(`section.inbox-story:has(#story-${splitId})`);
      assert.match(await split.innerText(), /Footbridge links 14 Nyando villages to Ahero market/);
      assert.deepEqual(
        (await getArticle(desk.store.db, id))!.sources.map((s) => s.itemId),
        ['eps:e2e-bridge'],
      );

      await split.locator('a:has-text("Merge with…")').click();
      await page.waitForURL(new RegExp(`/newsroom/inbox/${splitId}/merge$`));
      await axe(page, 'merge with');
      await page.check(`#target-${id}`);
      await page.click('button:has-text("Merge into the chosen story")');
      await page.waitForURL(new RegExp(`/newsroom/inbox\\?status=all#story-${id}$`));
      await openStories(page);
      const back = page.locator('section.inbox-story', { hasText: 'Kisumu Opens 420-Metre Footbridge Over Nyando River' });
      assert.match(await back.innerText(), /Why: merged by the desk \(desk@example\.org\)/);
      assert.equal(await getArticle(desk.store.db, splitId), null);
      assert.deepEqual(
        (await getArticle(desk.store.db, id))!.sources.map((s) => s.itemId),
        ['eps:e2e-bridge', 'mna:e2e-bridge'],
      );
    } finally {
      await context.close();
    }
  });
});
