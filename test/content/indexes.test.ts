import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { explainArchive } from '../../src/content/archive.js';
import { listingShapes, listPlan, planProblem, planWith } from '../../src/content/list-plans.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { openSuite } from '../helpers/suite.js';

describeEachDatabase('list queries are served by indexes', (testDb) => {
  let store: Store;
  before(async () => {
    ({ store } = await openSuite(testDb));
  });

  for (const [name, query, index] of listingShapes) {
    it(`${name}: a range scan of ${index} in order, no sort`, async () => {
      // On tiny tables a scan is cheapest, so PostgreSQL is told to avoid one where it can.
      const plan = await listPlan(store, query, true);
      assert.equal(planProblem(store.kind, plan, index), null, plan);
    });
  }

  it('names what is wrong with a plan', () => {
    assert.equal(planProblem('sqlite', 'SCAN articles\nUSE TEMP B-TREE FOR ORDER BY', 'articles_status_published'), 'sorts in a temporary b-tree');
    assert.equal(
      planProblem('sqlite', 'SEARCH articles USING INDEX articles_kind_published (kind=?)', 'articles_status_published'),
      'does not use articles_status_published',
    );
    assert.equal(planProblem('postgres', 'Limit\n  -> Sort\n    -> Seq Scan on articles', 'articles_status_published'), 'sorts');
    assert.equal(planProblem('postgres', 'Limit\n  -> Index Scan Backward using articles_status_published on articles', 'articles_status_published'), null);
  });

  // The sitemaps' reads (content/archive.ts): a month's part is counted, found (an OFFSET over
  // the index) and read (keyset, in batches) in one range of the index; on SQLite, whose rows
  // hold the bodies, on the index alone.
  for (const step of ['count', 'start', 'batch'] as const) {
    it(`sitemap parts, ${step}: a range scan of articles_status_published (index-only on SQLite), no sort`, async () => {
      const text = (await planWith(store, true, (db) => explainArchive(db, store.kind, '2026-11')))[step].join('\n');
      if (store.kind === 'sqlite') {
        assert.doesNotMatch(text, /TEMP B-TREE/, text);
        assert.match(text, /SEARCH (articles|a) USING COVERING INDEX articles_status_published \(status=\? AND published_at>\?/, text);
      } else {
        assert.doesNotMatch(text, /\bSort\b/, text);
        assert.doesNotMatch(text, /Seq Scan on articles/, text);
        assert.match(text, /Index (Only )?Scan using articles_status_published on articles/, text);
      }
    });
  }
});
