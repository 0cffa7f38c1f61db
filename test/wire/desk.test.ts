import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getArticle } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { heroesForNewStories } from '../../src/wire/illustrate.js';
import { discardStory } from '../../src/wire/inbox.js';
import { sectorModelFor } from '../../src/wire/tagging.js';
import { ingestWireItem } from '../../src/wire/ingest.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { labelled, wire } from '../helpers/wire.js';
import { deskUser, get, post, type DeskUser } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

async function rowsOf(store: Store, itemId: string) {
  return store.db.selectFrom('wire_items').selectAll().where('item_id', '=', itemId).orderBy('version').execute();
}

describeEachDatabase('the wire desk: duplicates, tags, inbox', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let editor: DeskUser;
  let writer: DeskUser;
  /** What ingesting the common items gave: two reports of one event, and a similar event apart. */
  const outcomes: string[] = [];
  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    editor = await deskUser(store.db, 'editor');
    writer = await deskUser(store.db, 'writer');
    // p1-e029 is a cholera vaccination drive in another country, days later in the same weeks.
    for (const id of ['p1-e001-a', 'p1-e001-b', 'p1-e029-a']) outcomes.push(await ingestWireItem(store.db, wire(id)));
  });

  it("joins another agency's report of the same event to the first story, and keeps a similar event apart", async () => {
    assert.deepEqual(outcomes, ['new', 'merged', 'new']);
    const [first] = await rowsOf(store, 'p1-e001-a');
    const [second] = await rowsOf(store, 'p1-e001-b');
    assert.equal(second!.article_id, first!.article_id);
    assert.equal(second!.role, 'duplicate');
    const story = (await getArticle(store.db, first!.article_id!))!;
    assert.deepEqual(story.sources.map((s) => s.agency).sort(), ['Equator Press Service', 'Meridian News Agency']);
    const [other] = await rowsOf(store, 'p1-e029-a');
    assert.notEqual(other!.article_id, first!.article_id);
  });

  it('tags and summarises a new story: countries by salience, a sector, a standfirst of whole sentences', async () => {
    const [row] = await rowsOf(store, 'p1-e001-a');
    const story = (await getArticle(store.db, row!.article_id!))!;
    assert.equal(story.countries[0], 'KE');
    assert.equal(story.sectors[0], 'health');
    assert.ok(story.standfirst.split(/\s+/).length <= 60);
    assert.ok(labelled('p1-e001-a').lead.startsWith(story.standfirst.split('. ')[0]!));
    assert.ok(row!.shot_text.length > 0);
  });

  it('does not merge an item outside the time window', async () => {
    const late = wire('p1-e002-b', { versionTime: new Date(Date.parse(labelled('p1-e002-a').sentAt) + 72 * 3600_000).toISOString() });
    assert.equal(await ingestWireItem(store.db, wire('p1-e002-a')), 'new');
    assert.equal(await ingestWireItem(store.db, late), 'new');
  });

  it('a discarded story stays discarded: its duplicates and later versions do not bring it back', async () => {
    assert.equal(await ingestWireItem(store.db, wire('p1-e003-a')), 'new');
    const [row] = await rowsOf(store, 'p1-e003-a');
    await discardStory(store.db, row!.article_id!, { name: 'editor', userId: null });
    assert.equal(await getArticle(store.db, row!.article_id!), null);
    assert.equal(await ingestWireItem(store.db, wire('p1-e003-b')), 'merged');
    assert.equal(await ingestWireItem(store.db, wire('p1-e003-a', { version: 2 })), 'ignored');
    const rows = [...(await rowsOf(store, 'p1-e003-a')), ...(await rowsOf(store, 'p1-e003-b'))];
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.discarded === 1 && r.article_id === null));
  });

  it('the inbox lists stories with their agencies, tags and summary; editors publish, writers may only look', async () => {
    // A story discarded here, so the page below is checked for leaving it out.
    assert.equal(await ingestWireItem(store.db, wire('p1-e013-a')), 'new');
    const [discarded] = await rowsOf(store, 'p1-e013-a');
    await discardStory(store.db, discarded!.article_id!, { name: 'editor', userId: null });
    const editorSession = await editor.session();
    const page = await get(app, '/newsroom/inbox', editorSession);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Kenya launches cholera vaccination drive/);
    assert.match(page.body, /Equator Press Service/);
    assert.match(page.body, /same event, merged/);
    // Why, as the desk can check it: the score and what the two reports share.
    assert.match(
      page.body,
      /<span class="hint merge-reason">Why: score [01]\.\d\d: text [01]\.\d\d, headline [01]\.\d\d, \d+ shared names, \d+ shared figures; shared names [a-z]/,
    );
    assert.match(page.body, /<dt>Countries<\/dt><dd>Kenya<\/dd><dt>Sectors<\/dt><dd>Health<\/dd>/);
    assert.doesNotMatch(page.body, /Ethiopia to drill 240 boreholes/, 'the discarded story is gone');

    const [row] = await rowsOf(store, 'p1-e001-a');
    const writerSession = await writer.session();
    assert.equal((await get(app, '/newsroom/inbox', writerSession)).statusCode, 200);
    const publish = { action: 'publish', ids: String(row!.article_id), confirmed: 'yes' };
    assert.equal((await post(app, '/newsroom/inbox/bulk', publish, writerSession)).statusCode, 403);
    const published = await post(app, '/newsroom/inbox/bulk', publish, editorSession);
    assert.equal(published.statusCode, 303);
    assert.equal((await getArticle(store.db, row!.article_id!))!.status, 'published');
  });

  it("an admin edits a sector's keywords in the newsroom and the wire desk files by them at once", async () => {
    const admin = await (await deskUser(store.db, 'admin')).session();
    const form = await get(app, '/newsroom/taxonomy', admin);
    assert.match(form.body, /name="keywords"/);
    const saved = await post(app, '/newsroom/sectors', { slug: 'education', name: 'Education', description: '', keywords: 'marathon\ncourse record' }, admin);
    assert.equal(saved.statusCode, 303);
    const model = await sectorModelFor(store.db);
    assert.deepEqual(model.sectors.find((s) => s.slug === 'education')!.keywords, [['marathon'], ['cours', 'record']]);
    assert.equal(await ingestWireItem(store.db, wire('p1-e019-a')), 'new');
    const [row] = await rowsOf(store, 'p1-e019-a');
    assert.equal((await getArticle(store.db, row!.article_id!))!.sectors[0], 'education');
  });

  it("publishes a Shot from a story: its extractive Shot text, the story's filing and sources", async () => {
    const [row] = await rowsOf(store, 'p1-e029-a');
    const session = await editor.session();
    const made = await post(app, `/newsroom/inbox/${row!.article_id}/shot`, {}, session);
    assert.equal(made.statusCode, 303);
    const shotId = Number(/\/newsroom\/articles\/(\d+)/.exec(made.headers.location as string)![1]);
    const shot = (await getArticle(store.db, shotId))!;
    const story = (await getArticle(store.db, row!.article_id!))!;
    assert.equal(shot.kind, 'shot');
    assert.equal(shot.status, 'published');
    assert.equal(shot.body, `<p>${row!.shot_text.replace(/&/g, '&amp;')}</p>`);
    assert.ok(row!.shot_text.split(/\s+/).length <= 60);
    assert.deepEqual(shot.sources, story.sources);
    assert.deepEqual(shot.countries, story.countries);
    assert.equal(story.status, 'draft', 'the story itself stays in the inbox');
  });

  it('refuses to publish a story under embargo, and shows a readable diff between agency versions', async () => {
    const embargo = new Date(Date.now() + 3600_000).toISOString();
    await ingestWireItem(store.db, wire('p1-e004-a', { embargo }));
    await ingestWireItem(store.db, wire('p1-e004-a', { version: 2, embargo, headline: `${labelled('p1-e004-a').headline} (corrected)` }));
    const rows = await rowsOf(store, 'p1-e004-a');
    assert.match(rows[0]!.held_reason ?? '', /under embargo/);
    const session = await editor.session();
    const refused = await post(app, '/newsroom/inbox/bulk', { action: 'publish', ids: String(rows[0]!.article_id), confirmed: 'yes' }, session);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /embargo runs until/);
    assert.equal((await getArticle(store.db, rows[0]!.article_id!))!.status, 'draft');

    const inbox = await get(app, '/newsroom/inbox', session);
    assert.match(inbox.body, new RegExp(`/newsroom/inbox/items/${rows[1]!.id}/diff\\?from=${rows[0]!.id}`));
    const diff = await get(app, `/newsroom/inbox/items/${rows[1]!.id}/diff?from=${rows[0]!.id}`, session);
    assert.equal(diff.statusCode, 200);
    assert.match(diff.body, /<ins>\(corrected\)<\/ins>/);
  });
});

/** A chat-completions endpoint that answers with whatever the test puts in `reply`. */
async function fakeModel(): Promise<{ url: string; reply: { content: string }; close(): Promise<void> }> {
  const reply = { content: '' };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: reply.content } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, reply, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describeEachDatabase('the wire desk: illustration and rewriting', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let model: Awaited<ReturnType<typeof fakeModel>>;
  let editor: DeskUser;
  before(async () => {
    model = await fakeModel();
    ({ store, app } = await openSuite(testDb, { app: true, env: { LLM_BASE_URL: model.url, LLM_MODEL: 'desk-model' } }));
    editor = await deskUser(store.db, 'editor');
  });
  after(() => model.close());

  it('gives a new story without an agency picture a generated illustration, labelled as such', async () => {
    const heroFor = heroesForNewStories(store.db, { dataDir: testDb.dataDir, imageGen: null }, { warn: () => {} });
    assert.equal(await ingestWireItem(store.db, wire('p1-e005-a'), { heroFor }), 'new');
    const [row] = await rowsOf(store, 'p1-e005-a');
    const story = (await getArticle(store.db, row!.article_id!))!;
    assert.equal(story.hero?.digitalSourceType, 'algorithmicMedia');
  });

  it('applies a faithful rewrite as AI-generated, and refuses one that invents facts, keeping the agency text', async () => {
    assert.equal(await ingestWireItem(store.db, wire('p1-e006-a')), 'new');
    const [row] = await rowsOf(store, 'p1-e006-a');
    const id = row!.article_id!;
    const original = (await getArticle(store.db, id))!;
    const session = await editor.session();
    assert.match((await get(app, '/newsroom/inbox', session)).body, /Rewrite with the language model/);

    model.reply.content = JSON.stringify({
      headline: original.headline,
      standfirst: 'About 9,999 people in Lilongwe were affected, officials said.',
      body: ['About 9,999 people in Lilongwe were affected, officials said.'],
    });
    const refused = await post(app, `/newsroom/inbox/${id}/rewrite`, {}, session);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /9,999/);
    assert.equal((await getArticle(store.db, id))!.body, original.body, 'the story keeps the agency text');

    const lead = labelled('p1-e006-a').lead;
    model.reply.content = JSON.stringify({ headline: labelled('p1-e006-a').headline, standfirst: lead, body: [lead] });
    const accepted = await post(app, `/newsroom/inbox/${id}/rewrite`, {}, session);
    assert.equal(accepted.statusCode, 303, accepted.body);
    const rewritten = (await getArticle(store.db, id))!;
    assert.equal(rewritten.aiInvolvement, 'generated');
    assert.equal(rewritten.humanReviewed, false);
    assert.notEqual(rewritten.body, original.body);
  });
});
