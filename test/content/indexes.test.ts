import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import { explainArchive } from '../../src/content/archive.js';
import { explainList, type ListQuery } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { at, smallTaxonomy } from '../helpers/fixtures.js';

/** Each listing shape and the index that must drive it. */
const shapes: [string, ListQuery, string][] = [
  ['latest', {}, 'articles_status_published'],
  ['latest, older page', { before: { at: at(5), id: 10 } }, 'articles_status_published'],
  ['by kind', { kind: 'opinion' }, 'articles_kind_published'],
  ['by edition', { edition: 'south-asia' }, 'articles_edition_published'],
  ['by sector', { sector: 'health' }, 'article_sectors_listing'],
  ['by sector, older page', { sector: 'health', before: { at: at(5), id: 10 } }, 'article_sectors_listing'],
  ['by country', { country: 'IN' }, 'article_countries_listing'],
  ['by author', { author: 'asha-rao' }, 'article_authors_listing'],
  ['drafts by last change', { status: 'draft' }, 'articles_status_updated'],
  ['API: published by last change', { orderBy: 'updated' }, 'articles_status_updated'],
  ['API: by last change, older page', { orderBy: 'updated', before: { at: at(5), id: 10 } }, 'articles_status_updated'],
  ['API: by kind and last change', { orderBy: 'updated', kind: 'opinion' }, 'articles_kind_updated'],
  ['API: by edition and last change', { orderBy: 'updated', edition: 'south-asia' }, 'articles_edition_updated'],
];

/** The plan with full scans made as expensive as PostgreSQL allows, so that the plan shows
 *  whether an index can serve the query at all (an empty test table would favour a scan). */
async function plan(store: Store, query: ListQuery): Promise<string> {
  return planOf(store, async (db, dialect) => (await explainList(db, dialect, query)).join('\n'));
}

async function planOf<T>(store: Store, explain: (db: Store['db'], dialect: 'sqlite' | 'postgres') => Promise<T>): Promise<T> {
  if (store.kind === 'sqlite') return explain(store.db, 'sqlite');
  return store.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_bitmapscan = off`.execute(trx);
    await sql`set local enable_sort = off`.execute(trx);
    return explain(trx, 'postgres');
  });
}

describeEachDatabase('list queries are served by indexes', (testDb) => {
  let store: Store;
  before(async () => {
    store = await testDb.open();
    await smallTaxonomy(store.db);
  });

  for (const [name, query, index] of shapes) {
    it(`${name}: a range scan of ${index} in order, no sort`, async () => {
      const text = await plan(store, query);
      if (store.kind === 'sqlite') {
        assert.doesNotMatch(text, /TEMP B-TREE/, text);
        assert.match(text, new RegExp(`USING (COVERING )?INDEX ${index}\\b`), text);
        assert.doesNotMatch(text, /^SCAN articles$/m, text);
      } else {
        assert.doesNotMatch(text, /\bSort\b/, text);
        assert.doesNotMatch(text, /Seq Scan/, text);
        assert.match(text, new RegExp(`Index (Only )?Scan (Backward )?using ${index}\\b`), text);
      }
    });
  }

  // The sitemaps' reads (content/archive.ts): a month's part is counted, found (an OFFSET over
  // the index) and read (keyset, in batches) in one range of the index; on SQLite, whose rows
  // hold the bodies, on the index alone.
  for (const step of ['count', 'start', 'batch'] as const) {
    it(`sitemap parts, ${step}: a range scan of articles_status_published (index-only on SQLite), no sort`, async () => {
      const text = (await planOf(store, (db, dialect) => explainArchive(db, dialect, '2026-11')))[step].join('\n');
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
