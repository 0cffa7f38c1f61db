import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getArticle, listArticles, listRevisions } from '../../src/content/articles.js';
import { listAudit } from '../../src/content/audit.js';
import { publishDueArticles, scheduleArticle } from '../../src/content/lifecycle.js';
import type { Store } from '../../src/db/connect.js';
import { zonedLocalToIso } from '../../src/util/time-zones.js';
import { startScheduler } from '../../src/content/scheduler.js';
import { articlePath } from '../../src/presentation/urls.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { deskUser, get, post, type DeskUser } from './desk.js';
import { openSuite } from '../helpers/suite.js';

const quiet = { info: () => {}, error: () => {} };

describeEachDatabase('newsroom workflow', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let editor: DeskUser;
  let writer: DeskUser;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    editor = await deskUser(store.db, 'editor');
    writer = await deskUser(store.db, 'writer');
  });

  const fields = {
    kind: 'news',
    headline: 'Clinics Extend Opening Hours',
    standfirst: 'Clinics stay open later.',
    body: '<p>Clinics now open until nine.</p>',
    edition: 'south-asia',
    countries: 'IN',
    sectors: 'health',
    datelineCity: 'Pune',
  };

  it('takes a story from draft through review to published, then updates, restores and unpublishes it', async () => {
    const w = await writer.session();
    const created = await post(app, '/newsroom/articles', fields, w);
    assert.equal(created.statusCode, 303);
    const id = Number(/\/newsroom\/articles\/(\d+)$/.exec(created.headers.location as string)![1]);
    assert.equal((await getArticle(store.db, id))!.status, 'draft');
    assert.equal((await post(app, `/newsroom/articles/${id}/submit`, {}, w)).statusCode, 303);
    assert.equal((await getArticle(store.db, id))!.status, 'review');

    const e = await editor.session();
    const dashboard = (await get(app, '/newsroom', e)).body;
    assert.match(dashboard, /Waiting for review[\s\S]*Clinics Extend Opening Hours/);
    assert.doesNotMatch((await app.inject('/rss.xml')).body, /Clinics Extend Opening Hours/); // the feed is now built and kept
    assert.equal((await post(app, `/newsroom/articles/${id}/publish`, {}, e)).statusCode, 303);
    const published = (await getArticle(store.db, id))!;
    assert.equal(published.status, 'published');
    assert.equal((await app.inject(articlePath(published))).statusCode, 200);
    assert.match((await app.inject('/rss.xml')).body, /Clinics Extend Opening Hours/);

    // An update: Created stays, Updated moves, a revision records it.
    // As though published a minute ago (its times moved back, rather than waiting).
    const minuteAgo = new Date(Date.now() - 60_000).toISOString();
    await store.db.updateTable('articles').set({ published_at: minuteAgo, updated_at: minuteAgo }).where('id', '=', id).execute();
    const saved = await post(
      app,
      `/newsroom/articles/${id}`,
      { ...fields, headline: 'Clinics Extend Opening Hours Again', version: String(published.version) },
      e,
    );
    assert.equal(saved.statusCode, 303);
    const updated = (await getArticle(store.db, id))!;
    assert.equal(updated.publishedAt, minuteAgo);
    assert.ok(updated.updatedAt > minuteAgo);
    const page = (await app.inject(articlePath(updated))).body;
    assert.match(page, /Updated: <time datetime="[^"]+">[^<]+<\/time> \| Created:/);
    const revisions = await listRevisions(store.db, id);
    assert.equal(revisions[0]!.actor, editor.email);
    const diff = (await get(app, `/newsroom/articles/${id}/diff?from=${revisions[1]!.id}&to=${revisions[0]!.id}`, e)).body;
    assert.match(diff, /<dt>Headline \(changed\)<\/dt><dd>Clinics Extend Opening Hours <ins>Again<\/ins><\/dd>/);
    assert.match(diff, /<dt>Body<\/dt>/);

    // Restore the first published text.
    const first = revisions.at(-1)!;
    assert.equal((await post(app, `/newsroom/articles/${id}/revisions/${first.id}/restore`, {}, e)).statusCode, 303);
    assert.equal((await getArticle(store.db, id))!.headline, 'Clinics Extend Opening Hours');

    assert.equal((await post(app, `/newsroom/articles/${id}/unpublish`, {}, e)).statusCode, 303);
    assert.equal((await app.inject(articlePath(updated))).statusCode, 410);
    const actions = (await listAudit(store.db, { limit: 50 })).filter((a) => a.subject.startsWith(`article ${id}:`)).map((a) => a.action);
    for (const action of ['article.create', 'article.submit', 'article.publish', 'article.save', 'article.restore', 'article.unpublish'])
      assert.ok(actions.includes(action), action);
  });

  it('refuses the later of two saves from the same version and keeps both versions', async () => {
    const e1 = await editor.session();
    const other = await deskUser(store.db, 'editor', 'second-editor');
    const e2 = await other.session();
    const created = await post(app, '/newsroom/articles', fields, e1);
    const id = Number(/(\d+)$/.exec(created.headers.location as string)![1]);
    const version = String((await getArticle(store.db, id))!.version);
    assert.equal((await post(app, `/newsroom/articles/${id}`, { ...fields, headline: 'First Saver Wins', version }, e1)).statusCode, 303);
    const late = await post(app, `/newsroom/articles/${id}`, { ...fields, headline: 'Second Saver Text', version }, e2);
    assert.equal(late.statusCode, 409);
    assert.match(late.body, new RegExp(`changed by ${editor.email.replace('.', '\\.')} at \\d\\d-\\d\\d-\\d{4} \\d\\d:\\d\\d IST`));
    assert.equal((await getArticle(store.db, id))!.headline, 'First Saver Wins');
    const drafts = await listArticles(store.db, { status: 'draft', limit: 100 });
    assert.ok(drafts.items.some((a) => a.headline === 'Second Saver Text (conflicting copy)'));
  });

  it('schedules in the edition time zone and publishes when the time comes, also after a restart', async () => {
    const e = await editor.session();
    const created = await post(app, '/newsroom/articles', fields, e);
    const id = Number(/(\d+)$/.exec(created.headers.location as string)![1]);
    assert.equal((await post(app, `/newsroom/articles/${id}/schedule`, { at: '2099-03-01T09:30' }, e)).statusCode, 303);
    const scheduled = (await getArticle(store.db, id))!;
    assert.equal(scheduled.status, 'scheduled');
    assert.equal(scheduled.scheduledFor, '2099-03-01T04:00:00.000Z', '09:30 IST is 04:00 UTC');
    assert.deepEqual(await publishDueArticles(store.db, '2099-03-01T03:59:59.000Z'), []);
    assert.deepEqual(await publishDueArticles(store.db, '2099-03-01T04:00:01.000Z'), [id]);
    assert.equal((await getArticle(store.db, id))!.status, 'published');

    // One due while the process was down: a scheduler started afresh publishes it at once.
    const due = await addStory(store.db, {}, { status: 'draft' });
    // Scheduled a minute before "now", for a time that has since passed.
    const scheduledAt = Date.now() - 60_000;
    await scheduleArticle(store.db, due.id, new Date(scheduledAt + 1000).toISOString(), {
      actor: { name: 't', userId: null },
      now: new Date(scheduledAt).toISOString(),
    });
    const scheduler = startScheduler(store.db, quiet, 60_000);
    await scheduler.stop();
    assert.equal((await getArticle(store.db, due.id))!.status, 'published');
  });

  // SQLite serves one process; several web processes share PostgreSQL.
  it('publishes each due article exactly once when several processes run the scheduler', { skip: testDb.kind === 'sqlite' && 'PostgreSQL only' }, async () => {
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) {
      const a = await addStory(store.db, {}, { status: 'draft' });
      await scheduleArticle(store.db, a.id, '2099-06-01T00:00:00.000Z', { actor: { name: 't', userId: null }, now: '2099-05-01T00:00:00.000Z' });
      ids.push(a.id);
    }
    const others = await Promise.all([testDb.open(), testDb.open()]);
    const results = await Promise.all([store, ...others].map((s) => publishDueArticles(s.db, '2099-06-01T00:00:01.000Z')));
    assert.deepEqual(
      results.flat().sort((a, b) => a - b),
      ids,
    );
    for (const id of ids) {
      const publications = (await listAudit(store.db, { action: 'article.publish', limit: 200 })).filter((a) => a.subject.startsWith(`article ${id}:`));
      assert.equal(publications.length, 1, `article ${id} published ${publications.length} times`);
    }
  });

  it('adds a correction note shown on the article with its time, as an update', async () => {
    const e = await editor.session();
    const article = await addStory(store.db, { edition: 'south-asia' }, { now: '2026-11-01T00:00:00.000Z' });
    assert.equal((await post(app, `/newsroom/articles/${article.id}/correct`, { note: 'An earlier version gave the wrong district.' }, e)).statusCode, 303);
    const html = (await app.inject(articlePath(article))).body;
    assert.match(
      html,
      /<h2 id="corrections-h">Corrections<\/h2><p><time datetime="[^"]+">\d\d-\d\d-\d{4} \d\d:\d\d IST<\/time>: <span>An earlier version gave the wrong district\.<\/span>/,
    );
    assert.ok((await getArticle(store.db, article.id))!.updatedAt > article.updatedAt);
    const w = await writer.session();
    assert.equal((await post(app, `/newsroom/articles/${article.id}/correct`, { note: 'x' }, w)).statusCode, 403);
  });

  it('filters the article list by author and by words in the headline', async () => {
    const e = await editor.session();
    await addStory(store.db, { headline: 'Salt Marsh 50% Restored', createdBy: writer.id }, { status: 'draft' });
    await addStory(store.db, { headline: 'Salt Pans Reopen', createdBy: editor.id }, { status: 'draft' });
    const byWriter = (await get(app, `/newsroom/articles?status=draft&author=${writer.id}&text=salt`, e)).body;
    assert.match(byWriter, /Salt Marsh 50% Restored/);
    assert.doesNotMatch(byWriter, /Salt Pans Reopen/);
    const percent = (await get(app, '/newsroom/articles?status=draft&text=50%25', e)).body;
    assert.match(percent, /Salt Marsh 50% Restored/);
    assert.doesNotMatch(percent, /Salt Pans Reopen/);
  });

  it('deletes a draft that was never published, and refuses to delete a published story', async () => {
    const e = await editor.session();
    const draft = await addStory(store.db, { headline: 'Unique Deletable Draft' }, { status: 'draft' });
    assert.equal((await post(app, `/newsroom/articles/${draft.id}/delete`, {}, e)).statusCode, 303);
    assert.equal(await getArticle(store.db, draft.id), null);
    assert.equal((await listAudit(store.db, { action: 'article.delete' }))[0]?.subject, `article ${draft.id}: Unique Deletable Draft`);
    const live = await addStory(store.db, {});
    assert.equal((await post(app, `/newsroom/articles/${live.id}/delete`, {}, e)).statusCode, 422);
    assert.ok(await getArticle(store.db, live.id));
  });

  it('reads datetime-local in an edition time zone, across daylight saving time', () => {
    assert.equal(zonedLocalToIso('2026-07-01T12:00', 'Europe/Brussels'), '2026-07-01T10:00:00.000Z');
    assert.equal(zonedLocalToIso('2026-01-01T12:00', 'Europe/Brussels'), '2026-01-01T11:00:00.000Z');
    assert.equal(zonedLocalToIso('2026-01-01T12:00', 'Asia/Kolkata'), '2026-01-01T06:30:00.000Z');
    assert.equal(zonedLocalToIso('not a time', 'UTC'), null);
  });
});
