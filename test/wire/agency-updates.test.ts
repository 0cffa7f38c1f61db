import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getArticle, listRevisions } from '../../src/content/articles.js';
import { listAudit } from '../../src/content/audit.js';
import { notifyLiftedEmbargoes } from '../../src/content/lifecycle.js';
import type { Store } from '../../src/db/connect.js';
import { createMailer } from '../../src/mail/mailer.js';
import { mailNotifications } from '../../src/newsroom/notification-mail.js';
import { articlePath } from '../../src/presentation/urls.js';
import { ingestWireItem } from '../../src/wire/ingest.js';
import { parseWire } from '../../src/wire/parse.js';
import { addSource, findSourceByName, recordPoll } from '../../src/wire/sources.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { deskUser, get, post, type DeskUser } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

const copy = (id: string, version: number, headline: string, paragraphs: string[], extra: Record<string, unknown> = {}) =>
  parseWire(
    JSON.stringify({
      uri: id,
      version,
      versioncreated: `2026-11-29T0${version}:00:00Z`,
      headline,
      copyrightholder: 'Equator Press Service',
      body_html: paragraphs.map((p) => `<p>${p}</p>`).join(''),
      located: [{ name: 'Kigali', countrycode: 'RW' }],
      ...extra,
    }),
  ).items[0]!;

const V1 = [
  'Rwanda opened a new maternity wing at the district hospital in Musanze on Tuesday, adding 60 beds for mothers.',
  'The wing cost 2.4 billion francs, the health ministry said.',
];
const W1 = [
  'Ghana began building a 40-kilometre coastal road between Elmina and Cape Coast on Monday, the roads authority said.',
  'The contract is worth 310 million cedis and the work should take 30 months.',
];
const W2 = [
  'Ghana began building a 42-kilometre coastal road between Elmina and Cape Coast on Monday, the roads authority said.',
  'The contract is worth 310 million cedis, and 1,200 workers will be hired locally.',
];
const B1 = [
  'Nepal will publish its revised budget figures after the parliamentary session ends, the finance ministry said in a notice to reporters.',
  'The figures include spending on 14 hydropower projects.',
];
const V2 = [
  'Rwanda opened a new maternity wing at the district hospital in Musanze on Tuesday, adding 64 beds for mothers and newborns.',
  'The wing cost 2.4 billion francs, the health ministry said, and will employ 90 nurses.',
];

describeEachDatabase('agency updates, the desk\u2019s edits and notifications', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let editor: DeskUser;
  let writer: DeskUser;
  let smtp: TestSmtp;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    editor = await deskUser(store.db, 'editor');
    writer = await deskUser(store.db, 'writer');
    smtp = await startSmtp();
  });
  after(async () => {
    await smtp.close();
  });

  /** A writer's new story, submitted for review through the newsroom (which notifies the editors). */
  async function submitForReview(headline: string, body: string): Promise<number> {
    const w = await writer.session();
    const fields = { kind: 'news', headline, standfirst: '', body, bylineDesk: 'News Desk', countries: 'RW', sectors: 'health' };
    const created = await post(app, '/newsroom/articles', fields, w);
    const id = Number(/(\d+)$/.exec(String(created.headers.location))![1]);
    assert.equal((await post(app, `/newsroom/articles/${id}/submit`, {}, w)).statusCode, 303);
    return id;
  }

  const storyId = async (itemId: string) =>
    (await store.db.selectFrom('wire_items').select('article_id').where('item_id', '=', itemId).where('role', '=', 'primary').executeTakeFirstOrThrow())
      .article_id!;

  it('an unedited story takes the agency’s update, and still says nobody edited it', async () => {
    await ingestWireItem(store.db, copy('eps:plain', 1, 'Maternity Wing Opens in Musanze', V1));
    const id = await storyId('eps:plain');
    const e = await editor.session();
    assert.equal((await post(app, '/newsroom/inbox/bulk', { action: 'publish', ids: String(id), confirmed: 'yes' }, e)).statusCode, 303);
    assert.equal(await ingestWireItem(store.db, copy('eps:plain', 2, 'Maternity Wing With 64 Beds Opens in Musanze', V2)), 'updated');
    const story = (await getArticle(store.db, id))!;
    assert.equal(story.headline, 'Maternity Wing With 64 Beds Opens in Musanze');
    assert.match(story.body, /90 nurses/);
    assert.equal(story.humanEdited, false);
    const page = (await app.inject(articlePath(story))).body;
    assert.match(page, /the copy of Equator Press Service as sent, published by our desk without edits; it was not reviewed by our staff/);
    assert.doesNotMatch(page, /automatically/, 'the desk published it, not a rule');
  });

  it('an edited story keeps the desk’s text; the update waits beside it, the desk is told, and applies the headline alone', async () => {
    await ingestWireItem(store.db, copy('eps:edited', 1, 'Coastal Road Works Begin in Ghana', W1));
    const id = await storyId('eps:edited');
    const e = await editor.session();
    const draft = (await getArticle(store.db, id))!;
    // A person edits the body in the editor, then publishes from there.
    const form = {
      kind: 'news',
      headline: draft.headline,
      standfirst: draft.standfirst,
      body: '<p>Our reporter walked the first stretch of the new coastal road near Elmina.</p>',
      bylineDesk: 'News Desk',
      countries: 'GH',
      sectors: 'energy',
      version: String(draft.version),
    };
    assert.equal((await post(app, `/newsroom/articles/${id}`, form, e)).statusCode, 303);
    assert.equal((await post(app, `/newsroom/articles/${id}/publish`, {}, e)).statusCode, 303);
    const edited = (await getArticle(store.db, id))!;
    assert.equal(edited.humanEdited, true);
    assert.equal(edited.humanReviewed, true);

    assert.equal(await ingestWireItem(store.db, copy('eps:edited', 2, 'Work Starts on 42-Kilometre Coastal Road in Ghana', W2)), 'updated');
    const kept = (await getArticle(store.db, id))!;
    assert.equal(kept.headline, edited.headline);
    assert.equal(kept.body, edited.body, 'the desk’s body stays');
    assert.deepEqual(kept.sources, edited.sources, 'the credit still names the version the story is built on');
    const pending = await store.db
      .selectFrom('wire_items')
      .select('text_state')
      .where('item_id', '=', 'eps:edited')
      .where('version', '=', 2)
      .executeTakeFirstOrThrow();
    assert.equal(pending.text_state, 'pending');

    // The desk is told; a writer's notifications do not include it.
    const page = (await get(app, '/newsroom/notifications', e)).body;
    assert.match(page, /Agency update to an edited story: Coastal Road Works Begin in Ghana/);
    assert.match(page, /Notifications \(\d+ unread\)/);
    assert.doesNotMatch((await get(app, '/newsroom/notifications', await writer.session())).body, /Agency update to an edited story/);
    // The inbox says so, and the editor shows both texts side by side.
    assert.match((await get(app, '/newsroom/inbox?status=published', e)).body, /The agency sent a newer version; the desk’s edited text stays/);
    const editorPage = (await get(app, `/newsroom/articles/${id}`, e)).body;
    assert.match(editorPage, /Equator Press Service sent version 2 .*: your edited text stays until you apply it/);
    assert.match(editorPage, /Apply the agency’s headline/);
    assert.match(editorPage, /<ins>Work Starts on 42-Kilometre <\/ins>Coastal Road <del>Works Begin <\/del>in Ghana/);

    assert.equal((await post(app, `/newsroom/articles/${id}/agency-update`, { fields: 'headline' }, e)).statusCode, 303);
    const applied = (await getArticle(store.db, id))!;
    assert.equal(applied.headline, 'Work Starts on 42-Kilometre Coastal Road in Ghana');
    assert.equal(applied.body, edited.body, 'only the headline was applied');
    assert.equal(applied.status, 'published');
    assert.match((await listRevisions(store.db, id))[0]!.summary, /Applied headline of Equator Press Service version 2/);
    assert.equal((await listAudit(store.db, { action: 'article.agency-apply' }))[0]!.actor, editor.email);
    // The body still differs: the update still waits, until the desk keeps its own text.
    assert.match((await get(app, `/newsroom/articles/${id}`, e)).body, /Apply the agency’s body/);
    assert.equal((await post(app, `/newsroom/articles/${id}/agency-update/decline`, {}, e)).statusCode, 303);
    assert.doesNotMatch((await get(app, `/newsroom/articles/${id}`, e)).body, /your edited text stays until you apply it/);
    assert.equal((await getArticle(store.db, id))!.body, edited.body);
  });

  it('marks notifications read, for one person only, and mails them to those who asked', async () => {
    // Its own notification about a story: a writer submits one for review.
    await submitForReview(
      'Bus Depot Reopens in Rubavu',
      '<p>The bus depot in Rubavu reopened on Friday after a month of repairs, the transport agency said.</p>',
    );
    const e = await editor.session();
    assert.equal((await post(app, '/newsroom/notifications/email', { on: '1' }, e)).statusCode, 303);
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Desk <desk@example.org>', dataDir: testDb.dataDir });
    try {
      const sent = await mailNotifications(store.db, mailer, 'https://news.example.org', 'Wiredesk News');
      assert.ok(sent >= 1);
      const mail = await smtp.nextTo(editor.email);
      assert.match(mail.subject ?? '', /\[Wiredesk News newsroom\]/);
      assert.match(mail.text ?? '', /https:\/\/news\.example\.org\/newsroom\/articles\/\d+/);
      assert.equal(await mailNotifications(store.db, mailer, 'https://news.example.org', 'Wiredesk News'), 0, 'each is sent once');
    } finally {
      await mailer.close();
    }
    assert.equal((await post(app, '/newsroom/notifications/read', { all: '1' }, e)).statusCode, 303);
    assert.match((await get(app, '/newsroom/notifications', e)).body, /Nothing unread\./);
    const other = await (await deskUser(store.db, 'editor', 'other')).session();
    assert.match((await get(app, '/newsroom/notifications', other)).body, /\d+ unread\./, 'another editor has not read them');
  });

  it('tells the editors when a writer submits a story for review; regenerates a story’s summary from its body', async () => {
    const id = await submitForReview(
      'Market Day Returns to Huye',
      '<p>HUYE (RNA) — Traders returned to the Huye market on Saturday after repairs to its roof. “We lost two months of sales,” said one trader.</p><p>The roof cost 90 million francs.</p>',
    );
    const e = await editor.session();
    assert.match((await get(app, '/newsroom/notifications', e)).body, /For review: Market Day Returns to Huye/);
    assert.equal((await post(app, `/newsroom/articles/${id}/regenerate-summary`, {}, e)).statusCode, 303);
    const story = (await getArticle(store.db, id))!;
    assert.match(story.standfirst, /^Traders returned to the Huye market on Saturday/, 'no dateline');
    assert.equal((await listRevisions(store.db, id))[0]!.summary, 'Standfirst made again from the body');
  });

  it('tells the desk once when an embargo lifts on a story it has not published', async () => {
    await ingestWireItem(store.db, copy('eps:embargo', 1, 'Budget Figures Due After Parliament Session', B1, { embargoed: '2026-12-10T08:00:00Z' }));
    const id = await storyId('eps:embargo');
    assert.equal(await notifyLiftedEmbargoes(store.db, '2026-12-10T07:59:00.000Z'), 0);
    await notifyLiftedEmbargoes(store.db, '2026-12-10T08:00:30.000Z');
    await notifyLiftedEmbargoes(store.db, '2026-12-10T08:10:00.000Z');
    const told = await store.db.selectFrom('notifications').select('title').where('article_id', '=', id).where('kind', '=', 'embargo-lifted').execute();
    assert.deepEqual(
      told.map((t) => t.title),
      ['Embargo lifted: Budget Figures Due After Parliament Session'],
    );
  });

  it('tells the admins when a source fails three times in a row, once', async () => {
    await addSource(store.db, { name: 'flaky', agency: 'X', url: 'https://feeds.example.org/x.xml' }, testActor());
    for (let i = 0; i < 4; i++)
      await recordPoll(
        store.db,
        (await findSourceByName(store.db, 'flaky'))!,
        { ok: false, error: 'HTTP 503' },
        Date.parse('2026-11-29T00:00:00Z') + i * 60_000,
      );
    const told = await store.db.selectFrom('notifications').select(['audience', 'message']).where('kind', '=', 'source-failing').execute();
    assert.equal(told.length, 1);
    assert.equal(told[0]!.audience, 'sources.manage');
    assert.match(told[0]!.message, /3 runs in a row failed; the last said: HTTP 503/);
    assert.doesNotMatch((await get(app, '/newsroom/notifications', await editor.session())).body, /Wire source failing/, 'editors do not manage sources');
  });
});
