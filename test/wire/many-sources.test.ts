import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { getArticle, MAX_ARTICLE_SOURCES } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { ingestWireItems, type ItemResult } from '../../src/wire/batch.js';
import { listInbox } from '../../src/wire/inbox.js';
import { ingestWireItem } from '../../src/wire/ingest.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { wire } from '../helpers/wire.js';
import { openSuite } from '../helpers/suite.js';

/**
 * A story credits at most MAX_ARTICLE_SOURCES agency reports; further reports of the same event
 * are still merged (never refused: 'sources: Too big' was the 101st's fate), and an agency not
 * yet credited still is.
 */
describeEachDatabase('a story with more reports than it credits', (testDb) => {
  let store: Store;
  before(async () => {
    ({ store } = await openSuite(testDb));
  });

  it('merges every further duplicate, records each, and keeps every agency credited', async () => {
    assert.equal(await ingestWireItem(store.db, wire('p1-e001-a')), 'new');
    const row = await store.db.selectFrom('wire_items').select('article_id').where('item_id', '=', 'p1-e001-a').executeTakeFirstOrThrow();
    const storyId = row.article_id!;
    const extra = 5;
    // One agency re-sending the other's report again and again, past the cap; then two agencies not yet credited.
    const repeats = Array.from({ length: MAX_ARTICLE_SOURCES + extra }, (_, i) => wire('p1-e001-b', { itemId: `eps-dup-${i}` }));
    const newcomers = ['Harbour Wire', 'Delta News'].map((agency, i) => wire('p1-e001-b', { agency, itemId: `new-agency-${i}` }));
    const results: ItemResult[] = [];
    await ingestWireItems(store.db, [...repeats, ...newcomers], {}, (r) => results.push(r));
    assert.deepEqual(
      results.filter((r) => 'error' in r).map((r) => `${r.item.itemId}: ${(r as { error: Error }).error.message}`),
      [],
    );
    assert.deepEqual(new Set(results.map((r) => ('outcome' in r ? r.outcome : 'error'))), new Set(['merged']));

    // Every report is on record, joined to the story, and listed with it in the inbox.
    const merged = await store.db.selectFrom('wire_items').select(['item_id', 'role']).where('article_id', '=', storyId).execute();
    assert.equal(merged.length, 1 + repeats.length + newcomers.length);
    assert.equal(merged.filter((m) => m.role === 'duplicate').length, repeats.length + newcomers.length);
    const inbox = (await listInbox(store.db, { status: 'all', limit: 100 })).stories.find((s) => s.story.id === storyId)!;
    assert.equal(inbox.items.length, merged.length);

    // The credits: bounded, the story's own item first, every agency named.
    const story = (await getArticle(store.db, storyId))!;
    assert.equal(story.sources.length, MAX_ARTICLE_SOURCES);
    assert.equal(story.sources[0]!.itemId, 'p1-e001-a');
    const agencies = new Set(story.sources.map((s) => s.agency));
    assert.deepEqual([...agencies].sort(), ['Delta News', 'Equator Press Service', 'Harbour Wire', 'Meridian News Agency']);

    // A later version of a report that is not credited is taken too, and changes no credit.
    const uncredited = repeats.map((r) => r.itemId).find((id) => !story.sources.some((s) => s.itemId === id))!;
    assert.equal(await ingestWireItem(store.db, wire('p1-e001-b', { itemId: uncredited, version: 2 })), 'updated');
    assert.deepEqual((await getArticle(store.db, storyId))!.sources, story.sources);
    // And one more report, one at a time: merged, not refused.
    assert.equal(await ingestWireItem(store.db, wire('p1-e001-b', { itemId: 'eps-dup-last' })), 'merged');
  });
});
