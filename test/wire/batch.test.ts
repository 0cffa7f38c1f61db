import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createMedia } from '../../src/content/media.js';
import type { Store } from '../../src/db/connect.js';
import { BATCH_ITEMS, ingestWireItems, type ItemResult } from '../../src/wire/batch.js';
import { generateDemoWire } from '../../src/demo/demo-wire.js';
import { ingestWireItem, type IngestItemOptions } from '../../src/wire/ingest.js';
import type { WireItem } from '../../src/wire/item.js';
import { parseWire } from '../../src/wire/parse.js';
import { describeEachDatabase, TestDatabase } from '../helpers/databases.js';
import { smallTaxonomy } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

const NOW = '2026-11-30T12:00:00.000Z';

/** A demo stream with versions, re-sends, cross-agency duplicates, holds and cancellations. */
function demoItems(count: number): WireItem[] {
  return generateDemoWire({ items: count, seed: 3 }).files.flatMap((f) => parseWire(f.render()).items);
}

async function ingestBatched(store: Store, items: WireItem[], options: IngestItemOptions = {}): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  await ingestWireItems(store.db, items, { now: NOW, ...options }, (r) => results.push(r));
  return results;
}

const outcomeOf = (r: ItemResult) => ('outcome' in r ? r.outcome : `error: ${r.error.message}`);

/** What the desk sees of the ingest: each item's story, role and state. */
async function deskState(store: Store) {
  const rows = await store.db
    .selectFrom('wire_items as w')
    .leftJoin('articles as a', 'a.id', 'w.article_id')
    .select(['w.agency', 'w.item_id', 'w.version', 'w.role', 'w.held_reason', 'w.discarded', 'a.headline', 'a.status', 'a.version as article_version'])
    .orderBy('w.agency')
    .orderBy('w.item_id')
    .orderBy('w.version')
    .execute();
  return rows;
}

describeEachDatabase('wire ingest in batches', (testDb) => {
  let store: Store;
  let single: TestDatabase;
  let singleStore: Store;
  const items = demoItems(260);
  /** The stream's outcomes ingested item by item into `singleStore`: the reference for the batches. */
  const oneByOne: string[] = [];

  before(async () => {
    ({ store } = await openSuite(testDb));
    single = new TestDatabase(testDb.kind);
    await single.create();
    singleStore = await single.open();
    await smallTaxonomy(singleStore.db);
    for (const item of items) oneByOne.push(await ingestWireItem(singleStore.db, item, { now: NOW }));
  });
  after(() => single.destroy());

  it('decides each item of a stream longer than a chunk exactly as item-by-item ingest does', async () => {
    assert.ok(items.length > BATCH_ITEMS, `the stream has ${items.length} items`);
    const batched = (await ingestBatched(store, items)).map(outcomeOf);
    assert.deepEqual(batched, oneByOne);
    for (const outcome of ['new', 'updated', 'merged', 'ignored']) assert.ok(batched.includes(outcome), `no item was ${outcome}`);
    assert.deepEqual(await deskState(store), await deskState(singleStore));
  });

  it('takes the same stream again as nothing new', async () => {
    await ingestBatched(store, items);
    const again = (await ingestBatched(store, items)).map(outcomeOf);
    assert.ok(
      again.every((o) => o === 'ignored'),
      again.join(','),
    );
  });

  it('undoes a bad item alone: the items before and after it in the chunk are kept', async () => {
    // A database of its own, so that these items are new stories, not duplicates of the above.
    const own = new TestDatabase(testDb.kind);
    await own.create();
    const ownStore = await own.open();
    await smallTaxonomy(ownStore.db);
    const fresh = demoItems(40);
    // The third story to be made gets a picture id that does not exist: its insert breaks (a
    // foreign key) and only it is undone.
    const asked: string[] = [];
    const results = await ingestBatched(ownStore, fresh, { heroFor: async (item) => (asked.push(item.itemId), asked.length === 3 ? 987_654_321 : null) });
    const bad = asked[2]!;
    assert.equal(results.length, fresh.length);
    assert.deepEqual(
      results.filter((r) => 'error' in r).map((r) => r.item.itemId),
      [bad],
    );
    const kept = new Set((await ownStore.db.selectFrom('wire_items').select('item_id').execute()).map((k) => k.item_id));
    assert.ok(!kept.has(bad));
    for (const r of results) if ('outcome' in r && r.outcome !== 'ignored') assert.ok(kept.has(r.item.itemId), `${r.item.itemId} (${r.outcome}) was lost`);
    assert.ok(kept.has(asked[1]!) && kept.has(asked[3]!), 'the stories made just before and after it are kept');
    await own.destroy();
  });

  it('makes no picture for an item that duplicates an earlier one of the same chunk', async () => {
    const original = items.find((i) => i.status === 'usable' && i.version === 1)!;
    const text = {
      headline: 'Cable Ferry Links Three Lake Villages to the Regional Market Town',
      standfirst:
        'A cable ferry built by a village cooperative now carries 640 passengers a day across Lake Oruvan, cutting a 70-kilometre road trip to 12 minutes.',
      bodyHtml:
        '<p>A cable ferry built by the Oruvan Shore Cooperative now carries about 640 passengers and 90 market carts a day between three lake villages and the market town of Tessaly, the cooperative said on Tuesday.</p>' +
        '<p>The crossing takes 12 minutes, replacing a 70-kilometre road trip around the lake. The ferry cost 1.4 million dollars, paid for by a regional development fund and fares of 30 cents.</p>' +
        '<p>Traders said fish and vegetables now reach the Tessaly market before dawn, and two schools report fewer pupils arriving late.</p>',
    };
    const first = { ...original, ...text, agency: 'Picture Test One', itemId: 'pt-1' };
    const second = {
      ...original,
      ...text,
      agency: 'Picture Test Two',
      itemId: 'pt-2',
      versionTime: new Date(Date.parse(original.versionTime) + 3600_000).toISOString(),
    };
    const asked: string[] = [];
    const results = await ingestBatched(store, [first, second], { heroFor: async (item) => (asked.push(item.itemId), null) });
    assert.deepEqual(results.map(outcomeOf), ['new', 'merged']);
    assert.deepEqual(asked, ['pt-1']);
  });

  it('every item that becomes a new story gets its picture, made before its story (even where a merge was expected)', async () => {
    const own = new TestDatabase(testDb.kind);
    await own.create();
    const ownStore = await own.open();
    await smallTaxonomy(ownStore.db);
    const made = new Map<string, number>();
    const heroFor = async (item: WireItem) => {
      const key = `${item.agency}|${item.itemId}`;
      // The picture is stored (committed) before the story that uses it exists.
      assert.equal(
        await ownStore.db.selectFrom('wire_items').select('id').where('agency', '=', item.agency).where('item_id', '=', item.itemId).executeTakeFirst(),
        undefined,
        `${key} is stored before its picture`,
      );
      const media = await createMedia(ownStore.db, {
        file: `pictures/${made.size + 1}.png`,
        mimeType: 'image/png',
        width: 12,
        height: 8,
        altText: key,
        digitalSourceType: 'digitalCapture',
      });
      made.set(key, media.id);
      return media.id;
    };
    const results = await ingestBatched(ownStore, items, { heroFor });
    assert.deepEqual(results.filter((r) => 'error' in r).map(outcomeOf), []);
    const stories = await ownStore.db
      .selectFrom('wire_items as w')
      .innerJoin('articles as a', 'a.id', 'w.article_id')
      .select(['w.agency', 'w.item_id', 'a.id', 'a.hero_media_id'])
      .where('w.role', '=', 'primary')
      .where('w.version', '=', (eb) =>
        eb
          .selectFrom('wire_items as f')
          .select((e) => e.fn.min('f.version').as('v'))
          .whereRef('f.article_id', '=', 'w.article_id')
          .where('f.role', '=', 'primary'),
      )
      .execute();
    assert.ok(stories.length > 50, `${stories.length} stories`);
    const without = stories
      .filter((s) => s.hero_media_id === null || s.hero_media_id !== made.get(`${s.agency}|${s.item_id}`))
      .map((s) => `${s.agency}|${s.item_id}`);
    assert.deepEqual(without, [], 'stories without their own picture');
    // The same decisions as without pictures.
    assert.deepEqual(await deskState(ownStore), await deskState(singleStore));
    await own.destroy();
  });
});
