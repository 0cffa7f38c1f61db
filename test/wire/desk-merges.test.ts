import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getArticle } from '../../src/content/articles.js';
import { listAudit } from '../../src/content/audit.js';
import type { Store } from '../../src/db/connect.js';
import { deskLabels } from '../../src/wire/desk-merges.js';
import { ingestWireItem } from '../../src/wire/ingest.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { labelled, wire } from '../helpers/wire.js';
import { deskUser, get, post, type DeskUser } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

const rowsOf = (store: Store, itemId: string) => store.db.selectFrom('wire_items').selectAll().where('item_id', '=', itemId).orderBy('version').execute();

describeEachDatabase('the desk corrects duplicate detection: split and merge with…', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let editor: DeskUser;
  let writer: DeskUser;
  let storyId: number;
  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    editor = await deskUser(store.db, 'editor');
    writer = await deskUser(store.db, 'writer');
    assert.equal(await ingestWireItem(store.db, wire('p1-e001-a')), 'new');
    assert.equal(await ingestWireItem(store.db, wire('p1-e001-b')), 'merged');
    storyId = (await rowsOf(store, 'p1-e001-a'))[0]!.article_id!;
  });

  /** Splits a report off a story from the inbox; the new story's id, from where the desk is sent. */
  async function splitOff(story: number, itemRow: number, session: { cookie: string; csrf: string }): Promise<number> {
    const res = await post(app, `/newsroom/inbox/${story}/split`, { item: String(itemRow) }, session);
    assert.equal(res.statusCode, 303);
    const splitId = Number(/#story-(\d+)$/.exec(res.headers.location as string)![1]);
    assert.notEqual(splitId, story);
    return splitId;
  }

  it('splits a merged report into a story of its own from the inbox: credited there, no longer on the first, audited, labelled', async () => {
    const session = await editor.session();
    const [merged] = await rowsOf(store, 'p1-e001-b');
    const inbox = await get(app, '/newsroom/inbox', session);
    assert.match(inbox.body, new RegExp(`action="/newsroom/inbox/${storyId}/split"[^]*?name="item" value="${merged!.id}"`));
    assert.equal((await post(app, `/newsroom/inbox/${storyId}/split`, { item: String(merged!.id) }, await writer.session())).statusCode, 403);

    const splitId = await splitOff(storyId, merged!.id, session);
    const [row] = await rowsOf(store, 'p1-e001-b');
    assert.equal(row!.article_id, splitId);
    assert.equal(row!.role, 'primary');
    assert.equal(row!.merge_reason, null);
    const split = (await getArticle(store.db, splitId))!;
    assert.equal(split.status, 'draft');
    assert.equal(split.headline, labelled('p1-e001-b').headline);
    assert.deepEqual(
      split.sources.map((s) => s.itemId),
      ['p1-e001-b'],
    );
    assert.deepEqual(
      (await getArticle(store.db, storyId))!.sources.map((s) => s.itemId),
      ['p1-e001-a'],
    );

    const audit = await listAudit(store.db, { action: 'wire.split' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor, editor.email);
    assert.match(audit[0]!.detail, new RegExp(`p1-e001-b split off into story ${splitId}`));
    const labels = await deskLabels(store.db);
    assert.equal(labels.length, 1);
    assert.equal(labels[0]!.sameEvent, false);
    assert.deepEqual([labels[0]!.a.itemId, labels[0]!.b.itemId], ['p1-e001-a', 'p1-e001-b']);
    assert.ok(labels[0]!.features.text > 0 && labels[0]!.features.names > 0, 'the features the scorer saw are kept with the label');

    // The agency's next version of the split report updates its own story, not the first one.
    assert.equal(await ingestWireItem(store.db, wire('p1-e001-b', { version: 2, headline: `${labelled('p1-e001-b').headline}, officials say` })), 'updated');
    assert.match((await getArticle(store.db, splitId))!.headline, /officials say$/);
    assert.deepEqual(
      (await getArticle(store.db, storyId))!.sources.map((s) => s.itemId),
      ['p1-e001-a'],
    );
  });

  it('refuses to split off the report a story is written from, or a report of another story', async () => {
    // A report of a story of its own (an unrelated event), to try to split off the first story.
    assert.equal(await ingestWireItem(store.db, wire('p1-e002-a')), 'new');
    const labelsBefore = (await deskLabels(store.db)).length;
    const session = await editor.session();
    const [main] = await rowsOf(store, 'p1-e001-a');
    const own = await post(app, `/newsroom/inbox/${storyId}/split`, { item: String(main!.id) }, session);
    assert.equal(own.statusCode, 422);
    assert.match(own.body, /the report the story is written from/);
    const [other] = await rowsOf(store, 'p1-e002-a');
    assert.notEqual(other!.article_id, storyId);
    const elsewhere = await post(app, `/newsroom/inbox/${storyId}/split`, { item: String(other!.id) }, session);
    assert.equal(elsewhere.statusCode, 422);
    assert.match(elsewhere.body, /not part of this story/);
    const huge = await post(app, `/newsroom/inbox/${storyId}/split`, { item: '99999999999' }, session);
    assert.equal(huge.statusCode, 422, 'an id no column can hold is refused, not a database error');
    assert.equal((await post(app, '/newsroom/inbox/99999999999/split', { item: String(main!.id) }, session)).statusCode, 404);
    assert.equal((await deskLabels(store.db)).length, labelsBefore, 'a refusal records nothing');
  });

  it('"merge with…" offers the nearest stories with their score, and folds the story into the chosen one', async () => {
    // Its own pair of reports of one event, the second split off into a story of its own and updated since.
    const session = await editor.session();
    assert.equal(await ingestWireItem(store.db, wire('p1-e007-a')), 'new');
    assert.equal(await ingestWireItem(store.db, wire('p1-e007-b')), 'merged');
    const targetId = (await rowsOf(store, 'p1-e007-a'))[0]!.article_id!;
    const [report] = await rowsOf(store, 'p1-e007-b');
    const splitId = await splitOff(targetId, report!.id, session);
    assert.equal(await ingestWireItem(store.db, wire('p1-e007-b', { version: 2, headline: `${labelled('p1-e007-b').headline}, officials say` })), 'updated');

    const page = await get(app, `/newsroom/inbox/${splitId}/merge`, session);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`name="target" id="target-${targetId}" value="${targetId}"`));
    assert.match(page.body, /score \d+% · score [01]\.\d\d: text/);
    assert.equal((await get(app, `/newsroom/inbox/${splitId}/merge`, await writer.session())).statusCode, 403);

    const none = await post(app, `/newsroom/inbox/${splitId}/merge`, {}, session);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Choose the story this one reports/);
    const itself = await post(app, `/newsroom/inbox/${splitId}/merge`, { targetId: String(splitId) }, session);
    assert.equal(itself.statusCode, 422);
    assert.match(itself.body, /cannot be merged into itself/);
    const missing = await post(app, `/newsroom/inbox/${splitId}/merge`, { targetId: '987654' }, session);
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /no story number 987654/);
    const huge = await post(app, `/newsroom/inbox/${splitId}/merge`, { targetId: '99999999999' }, session);
    assert.equal(huge.statusCode, 422);
    assert.match(huge.body, /no story number 99999999999/);
    assert.equal((await get(app, '/newsroom/inbox/99999999999/merge', session)).statusCode, 404);

    const res = await post(app, `/newsroom/inbox/${splitId}/merge`, { target: String(targetId) }, session);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/newsroom/inbox?status=all#story-${targetId}`);
    assert.equal(await getArticle(store.db, splitId), null, 'the merged draft is gone');
    const rows = await rowsOf(store, 'p1-e007-b');
    assert.ok(rows.every((r) => r.article_id === targetId && r.role === 'duplicate'));
    assert.match(rows.at(-1)!.merge_reason!, new RegExp(`merged by the desk \\(${editor.email.replace(/[.]/g, '\\.')}\\) from story ${splitId}`));
    assert.deepEqual(
      (await getArticle(store.db, targetId))!.sources.map((s) => `${s.itemId} v${s.version}`),
      ['p1-e007-a v1', 'p1-e007-b v2'],
    );
    assert.equal((await listAudit(store.db, { action: 'wire.merge' })).length, 1);
    assert.equal((await listAudit(store.db, { action: 'article.delete' }))[0]!.subject, `article ${splitId}: ${labelled('p1-e007-b').headline}, officials say`);
    const labels = (await deskLabels(store.db)).filter((l) => [l.a.itemId, l.b.itemId].sort().join() === 'p1-e007-a,p1-e007-b');
    assert.deepEqual(
      labels.map((l) => l.sameEvent),
      [false, true],
    );
    assert.match((await get(app, '/newsroom/inbox?status=all', session)).body, /Why: merged by the desk/);
  });

  it('a published story keeps its address: it cannot be merged away', async () => {
    assert.equal(await ingestWireItem(store.db, wire('p1-e029-a')), 'new');
    const id = (await rowsOf(store, 'p1-e029-a'))[0]!.article_id!;
    const session = await editor.session();
    assert.equal((await post(app, '/newsroom/inbox/bulk', { action: 'publish', ids: String(id), confirmed: 'yes' }, session)).statusCode, 303);
    const res = await post(app, `/newsroom/inbox/${id}/merge`, { targetId: String(storyId) }, session);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /never published can be merged away/);
    assert.equal((await getArticle(store.db, id))!.status, 'published');
    assert.equal((await rowsOf(store, 'p1-e029-a'))[0]!.article_id, id);
    assert.doesNotMatch((await get(app, '/newsroom/inbox?status=published', session)).body, new RegExp(`/newsroom/inbox/${id}/merge`));
  });
});
