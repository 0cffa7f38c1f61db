import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getArticle } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { ingestWireItem } from '../../src/wire/ingest.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { wire } from '../helpers/wire.js';
import { deskUser, post } from './desk.js';
import { openSuite } from '../helpers/suite.js';

/*
 * Publishing or discarding an inbox story always asks first: the one way is the bulk form
 * (deskUrls.inboxBulk), which shows what it will do until it is confirmed. The old
 * single-story addresses that did it at once are gone, and no page links them.
 */

describeEachDatabase('the inbox asks before it publishes or discards', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let storyId: number;
  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    await ingestWireItem(store.db, wire('p1-e001-a'));
    storyId = (await store.db.selectFrom('wire_items').select('article_id').where('item_id', '=', 'p1-e001-a').executeTakeFirstOrThrow()).article_id!;
  });

  it('has no single-story publish or discard address any more', async () => {
    const s = await (await deskUser(store.db, 'editor')).session();
    assert.equal((await post(app, `/newsroom/inbox/${storyId}/publish`, {}, s)).statusCode, 404);
    assert.equal((await post(app, `/newsroom/inbox/${storyId}/discard`, {}, s)).statusCode, 404);
    assert.equal((await getArticle(store.db, storyId))!.status, 'draft', 'nothing was done');
    const routes = app.routeTable.map((r) => `${r.method} ${r.url}`);
    assert.ok(!routes.includes('POST /newsroom/inbox/:id/publish') && !routes.includes('POST /newsroom/inbox/:id/discard'));
  });

  it('the full inbox shown after a refusal offers Publish and Discard through the confirming form', async () => {
    const s = await (await deskUser(store.db, 'editor')).session();
    // No embargo to schedule for: refused, and the inbox comes back with the reason.
    const refused = await post(app, `/newsroom/inbox/${storyId}/schedule-embargo`, {}, s);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /No agency embargo is running/);
    assert.doesNotMatch(refused.body, /action="\/newsroom\/inbox\/\d+\/(publish|discard)"/);
    for (const action of ['publish', 'discard']) {
      assert.match(
        refused.body,
        new RegExp(
          `<form method="post" action="/newsroom/inbox/bulk" class="inline" data-confirm=""><input[^>]*name="_csrf"[^>]*/?><input type="hidden" name="ids" value="${storyId}"/?><input type="hidden" name="back" value=""/?><button type="submit" name="action" value="${action}"`,
        ),
        action,
      );
    }
    // That form asks first, and does it once confirmed.
    const asked = await post(app, '/newsroom/inbox/bulk', { action: 'publish', ids: String(storyId), back: '' }, s);
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Publish\?/);
    assert.equal((await getArticle(store.db, storyId))!.status, 'draft');
    const done = await post(app, '/newsroom/inbox/bulk', { action: 'publish', ids: String(storyId), back: '', confirmed: 'yes' }, s);
    assert.equal(done.statusCode, 303);
    assert.equal((await getArticle(store.db, storyId))!.status, 'published');
  });
});
