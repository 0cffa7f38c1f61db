import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { Store } from '../../src/db/connect.js';
import { emptySummary, type IngestSummary } from '../../src/wire/ingest.js';
import { writeDemoWire } from '../../src/demo/demo-wire.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase, TestDatabase } from '../helpers/databases.js';
import { smallTaxonomy } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

/*
 * Two `wiredesk ingest` processes started at the same moment on the same agency copy: both exit
 * cleanly with nothing rejected, every item (agency, id, version) is stored once, each becomes
 * one story (or joins one) exactly as in a single run, and the two summaries add up to a single
 * run's: what one process stored the other reports as `ignored` (a version already on record).
 * Each round starts on a fresh database; ROUNDS rounds make an unlucky interleaving likely.
 */

const ITEMS = 120;
const ROUNDS = 3;
const STREAM_SEED = 20261203;

/** What must come out the same: the stories with their sources, and the wire records. */
async function snapshot(store: Store) {
  const articles = await store.db.selectFrom('articles').select(['id', 'headline', 'status', 'version']).execute();
  const sources = await store.db
    .selectFrom('article_sources')
    .select(['article_id', 'agency', 'item_id', 'item_version'])
    .orderBy('article_id')
    .orderBy('position')
    .execute();
  const headlineOf = new Map(articles.map((a) => [a.id, a.headline]));
  const stories = articles
    .map((a) => ({
      headline: a.headline,
      status: a.status,
      version: a.version,
      sources: sources.filter((s) => s.article_id === a.id).map((s) => `${s.agency}|${s.item_id}|${s.item_version}`),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const items = (await store.db.selectFrom('wire_items').select(['agency', 'item_id', 'version', 'role', 'article_id']).execute())
    .map((w) => `${w.agency}|${w.item_id}|${w.version} ${w.role} -> ${w.article_id === null ? '(no story)' : headlineOf.get(w.article_id)}`)
    .sort();
  const revisions = Number(
    (
      await store.db
        .selectFrom('article_revisions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const events = (await store.db.selectFrom('publication_events').select(['article_id', 'article_version', 'event']).execute())
    .map((e) => `${headlineOf.get(e.article_id)} v${e.article_version} ${e.event}`)
    .sort();
  return { stories, items, revisions, events };
}

const ingest = (dir: string, db: TestDatabase) => runCli(['ingest', dir, '--json'], db.env);

function summaryOf(run: { code: number | null; stdout: string; stderr: string }): IngestSummary {
  assert.equal(run.code, 0, run.stderr);
  return { ...emptySummary(), ...(JSON.parse(run.stdout) as IngestSummary) };
}

const outcomes = ['new', 'updated', 'merged', 'withheld', 'canceled'] as const;

describeEachDatabase('races: two ingest processes on the same copy', (testDb) => {
  let dir = '';
  let reference: Awaited<ReturnType<typeof snapshot>>;
  let single: IngestSummary;
  const extra: TestDatabase[] = [];

  before(async () => {
    const { store } = await openSuite(testDb);
    dir = path.join(testDb.dataDir, 'stream');
    writeDemoWire(dir, { items: ITEMS, seed: STREAM_SEED });
    single = summaryOf(await ingest(dir, testDb));
    assert.deepEqual(single.rejected, []);
    reference = await snapshot(store);
  });
  after(async () => {
    for (const db of extra) await db.destroy();
  });

  it('stores every item once, one story per item, as a single run does; both exit cleanly', async (t) => {
    t.diagnostic(
      `single run: ${JSON.stringify({ ...single, rejected: single.rejected.length })}; ${reference.items.length} wire records, ${reference.stories.length} stories`,
    );
    for (let round = 0; round < ROUNDS; round++) {
      const db = new TestDatabase(testDb.kind);
      extra.push(db);
      await db.create();
      const store = await db.open();
      await smallTaxonomy(store.db);
      const [a, b] = (await Promise.all([ingest(dir, db), ingest(dir, db)])).map(summaryOf) as [IngestSummary, IngestSummary];
      t.diagnostic(`round ${round}: A ${JSON.stringify({ ...a, rejected: a.rejected.length })}, B ${JSON.stringify({ ...b, rejected: b.rejected.length })}`);
      assert.deepEqual(a.rejected, [], 'the first process rejected nothing');
      assert.deepEqual(b.rejected, [], 'the second process rejected nothing');
      // Each item was taken by one of them; the other found it on record (ignored).
      for (const o of outcomes) assert.equal(a[o] + b[o], single[o], `${o}: ${a[o]} + ${b[o]} = ${single[o]}`);
      assert.equal(a.ignored + b.ignored, single.ignored + outcomes.reduce((n, o) => n + single[o], 0) + single.ignored);
      const got = await snapshot(store);
      assert.equal(got.items.length, reference.items.length);
      assert.deepEqual(got.items, reference.items);
      assert.deepEqual(got.stories, reference.stories);
      assert.equal(got.revisions, reference.revisions);
      assert.deepEqual(got.events, reference.events);
      await store.close();
    }
  });
});
