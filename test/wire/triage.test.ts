import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getArticle } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { countInboxByStatus, listInbox, publishFromInbox } from '../../src/wire/inbox.js';
import { ingestWireItem } from '../../src/wire/ingest.js';
import { newestItemId } from '../../src/wire/triage.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { wire } from '../helpers/wire.js';
import { deskUser, get, post, type DeskUser } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

/** The inbox's triage: search and filters, counts, bulk actions refused story by story, live arrivals. */

describeEachDatabase('the inbox triage', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let editor: DeskUser;
  const story: Record<string, number> = {};
  const storyOf = async (itemId: string) =>
    (await store.db.selectFrom('wire_items').select('article_id').where('item_id', '=', itemId).executeTakeFirstOrThrow()).article_id!;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    editor = await deskUser(store.db, 'editor');
    const embargo = new Date(Date.now() + 3600_000).toISOString();
    await ingestWireItem(store.db, wire('p1-e001-a', { urgency: 2 }));
    await ingestWireItem(store.db, wire('p1-e001-b', { urgency: 4 }));
    await ingestWireItem(store.db, wire('p1-e002-a', { urgency: 5 }));
    await ingestWireItem(store.db, wire('p1-e003-a'));
    await ingestWireItem(store.db, wire('p1-e004-a', { embargo }));
    await ingestWireItem(store.db, wire('p1-e005-a'));
    for (const id of ['p1-e001-a', 'p1-e002-a', 'p1-e003-a', 'p1-e004-a', 'p1-e005-a']) story[id] = await storyOf(id);
  });

  const ids = async (filter: Parameters<typeof listInbox>[1]) => (await listInbox(store.db, filter)).stories.map((s) => s.story.id).sort((a, b) => a - b);

  it('finds stories by words of their headline or text, and by agency, urgency and embargo', async () => {
    assert.deepEqual(await ids({ text: 'cholera' }), [story['p1-e001-a']]);
    assert.deepEqual(await ids({ text: 'maize harvest' }), [story['p1-e002-a']]);
    assert.deepEqual(
      await ids({ text: 'cholera OR maize' }),
      [story['p1-e001-a'], story['p1-e002-a']].sort((a, b) => a! - b!),
    );
    assert.deepEqual(await ids({ text: '"%"' }), [], 'punctuation is no query, and no wildcard');
    assert.deepEqual(await ids({ agency: 'Continental Wire' }), [story['p1-e002-a']]);
    // The merged report (urgency 4) and the first (2): the story's most urgent copy counts.
    assert.deepEqual(await ids({ urgency: 3 }), [story['p1-e001-a']]);
    assert.deepEqual(
      await ids({ urgency: 5 }),
      [story['p1-e001-a'], story['p1-e002-a']].sort((a, b) => a! - b!),
    );
    assert.deepEqual(await ids({ embargo: 'embargoed' }), [story['p1-e004-a']]);
    assert.equal((await ids({ embargo: 'free' })).length, 4);
    assert.deepEqual(await ids({ embargo: 'free', text: 'Ghana' }), [story['p1-e005-a']]);
  });

  it('counts the stories per status under the same filters, and pages by keyset', async () => {
    assert.equal((await countInboxByStatus(store.db)).get('draft'), 5);
    assert.equal((await countInboxByStatus(store.db, { text: 'Ghana' })).get('draft'), 2);
    const first = await listInbox(store.db, { limit: 2 });
    const second = await listInbox(store.db, { limit: 2, before: first.next! });
    const third = await listInbox(store.db, { limit: 2, before: second.next! });
    const all = [...first.stories, ...second.stories, ...third.stories].map((s) => s.story.id);
    assert.equal(new Set(all).size, 5);
    assert.equal(third.next, null);
  });

  it('shows the compact list with counts, and the search from the address, escaped', async () => {
    const s = await editor.session();
    const page = await get(app, '/newsroom/inbox?q=cholera', s);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Kenya launches cholera vaccination drive/);
    assert.doesNotMatch(page.body, /Malawi forecasts/);
    assert.match(page.body, /Waiting for the desk: 1/);
    assert.match(page.body, /urgency 2/);
    assert.match(page.body, /1 duplicate/);
    const hostile = await get(
      app,
      `/newsroom/inbox?q=${encodeURIComponent('"><script>alert(1)</script>')}&done=publish&ids=${encodeURIComponent('<b>1</b>')}`,
      s,
    );
    assert.equal(hostile.statusCode, 200);
    // Quoted attribute values escape the quote; the words never become markup.
    assert.doesNotMatch(hostile.body, /"><script>/);
    assert.match(hostile.body, /value="&#34;><script>alert\(1\)<\/script>"/);
    assert.doesNotMatch(hostile.body, /<b>1<\/b>/);
    const bad = await get(app, '/newsroom/inbox?urgency=12&embargo=maybe', s);
    assert.equal(bad.statusCode, 200);
    assert.match(bad.body, /Urgency is a number from 1/);
    assert.match(bad.body, /under embargo/);
  });

  it('asks before a bulk publish, then publishes each story it may and refuses the embargoed one, saying why', async () => {
    const s = await editor.session();
    const chosen = [story['p1-e001-a']!, story['p1-e004-a']!, story['p1-e002-a']!].map(String);
    const ask = await post(app, '/newsroom/inbox/bulk', { action: 'publish', ids: chosen, back: '?q=x' }, s);
    assert.equal(ask.statusCode, 200);
    assert.match(ask.body, /Publish 3 stories\?/);
    assert.equal((await getArticle(store.db, story['p1-e001-a']!))!.status, 'draft', 'nothing before the confirmation');

    const res = await post(app, '/newsroom/inbox/bulk', { action: 'publish', ids: chosen, confirmed: 'yes', back: '?q=x' }, s);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /2 done, 1 refused/);
    assert.match(res.body, /embargo runs until/);
    assert.match(res.body, /href="\/newsroom\/inbox\?q=x"/);
    assert.equal((await getArticle(store.db, story['p1-e001-a']!))!.status, 'published');
    assert.equal((await getArticle(store.db, story['p1-e002-a']!))!.status, 'published');
    assert.equal((await getArticle(store.db, story['p1-e004-a']!))!.status, 'draft');
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'subject'])
      .where('action', 'in', ['article.publish', 'article.publish-refused'])
      .execute();
    assert.equal(audit.filter((a) => a.action === 'article.publish').length, 2);
    assert.deepEqual(
      audit.filter((a) => a.action === 'article.publish-refused').map((a) => a.subject),
      [`article ${story['p1-e004-a']}: ${(await getArticle(store.db, story['p1-e004-a']!))!.headline}`],
    );
  });

  it('discards after the confirmation and says so after the redirect, with the story looked up, not echoed', async () => {
    const s = await editor.session();
    const res = await post(app, '/newsroom/inbox/bulk', { action: 'discard', ids: String(story['p1-e003-a']), confirmed: 'yes' }, s);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/newsroom/inbox?done=discard&ids=${story['p1-e003-a']}`);
    assert.equal(await getArticle(store.db, story['p1-e003-a']!), null);
    const page = await get(app, res.headers.location as string, s);
    assert.match(page.body, /Discarded 1 story\./);
    // A published story cannot be discarded: refused and audited, the rest goes on.
    await ingestWireItem(store.db, wire('p1-e008-a'));
    const published = await storyOf('p1-e008-a');
    await publishFromInbox(store.db, published, { name: editor.email, userId: editor.id });
    const mixed = await post(app, '/newsroom/inbox/bulk', { action: 'discard', ids: [String(published), '999999'], confirmed: 'yes' }, s);
    assert.equal(mixed.statusCode, 422);
    assert.match(mixed.body, /unpublish it instead/);
    assert.match(mixed.body, /There is no story 999999/);
  });

  it('assigns stories to a person, shows it on the line, and filters by it', async () => {
    const s = await editor.session();
    const res = await post(app, '/newsroom/inbox/bulk', { action: 'assign', assignee: String(editor.id), ids: String(story['p1-e005-a']) }, s);
    assert.equal(res.statusCode, 303);
    const mine = await get(app, '/newsroom/inbox?assignee=me', s);
    assert.match(mine.body, /assigned to editor/);
    assert.match(mine.body, /Waiting for the desk: 1/);
    const none = await post(app, '/newsroom/inbox/bulk', { action: 'assign', assignee: '424242', ids: String(story['p1-e005-a']) }, s);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /active account/);
    const empty = await post(app, '/newsroom/inbox/bulk', { action: 'assign', assignee: String(editor.id) }, s);
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Choose at least one story/);
  });

  it('announces new copy to an open page by server-sent events while the ingest stores it', async () => {
    const s = await editor.session();
    const since = await newestItemId(store.db);
    const base = await app.listen({ port: 0, host: '127.0.0.1' }).then(() => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    const events: string[] = [];
    let ready!: () => void;
    const opened = new Promise<void>((resolve) => (ready = resolve));
    let arrived!: (data: string) => void;
    const announced = new Promise<string>((resolve) => (arrived = resolve));
    const request = http.get(`${base}/newsroom/inbox/events?since=${since}`, { headers: { cookie: s.cookie, accept: 'text/event-stream' } }, (res) => {
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /text\/event-stream/);
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        if (buffer.includes('retry:')) ready();
        for (const block of buffer.split('\n\n').slice(0, -1)) if (block.startsWith('event: arrivals')) events.push(block);
        const last = events.at(-1);
        if (last) arrived(last);
      });
    });
    await opened;
    await ingestWireItem(store.db, wire('p1-e006-a'));
    const block = await announced;
    assert.match(block, /data: \{"count":1\}/);
    request.destroy();
    // Without an EventSource, the count once.
    const once = await get(app, `/newsroom/inbox/events?since=${since}`, s);
    assert.match(once.body, /"count":1/);
    // And the page's link without JavaScript says as much.
    const page = await get(app, `/newsroom/inbox?since=${since}`, s);
    assert.match(page.body, /1 story with new copy — show/);
  });
});
