import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { listingShapes, listPlan, planProblem } from '../../src/content/list-plans.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { smallTaxonomy } from '../helpers/fixtures.js';

describeEachDatabase('list queries are served by indexes', (testDb) => {
  let store: Store;
  before(async () => {
    store = await testDb.open();
    await smallTaxonomy(store.db);
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
    assert.equal(planProblem('sqlite', 'SEARCH articles USING INDEX articles_kind_published (kind=?)', 'articles_status_published'), 'does not use articles_status_published');
    assert.equal(planProblem('postgres', 'Limit\n  -> Sort\n    -> Seq Scan on articles', 'articles_status_published'), 'sorts');
    assert.equal(planProblem('postgres', 'Limit\n  -> Index Scan Backward using articles_status_published on articles', 'articles_status_published'), null);
  });
});
