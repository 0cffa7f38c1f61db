import { sql } from 'kysely';
import type { DB, Store } from '../db/connect.js';
import { explainList, type ListQuery } from './articles.js';

/*
 * Each listing shape and the index that must drive it: pinned by test/content/indexes.test.ts on
 * tiny tables and checked again by `npm run bench:scale` on the full archive, where the planner
 * chooses from real statistics.
 */

const cursor = { at: '2026-01-15T12:00:00.000Z', id: 10 };

export const listingShapes: [name: string, query: ListQuery, index: string][] = [
  ['latest', {}, 'articles_status_published'],
  ['latest, older page', { before: cursor }, 'articles_status_published'],
  ['by kind', { kind: 'opinion' }, 'articles_kind_published'],
  ['by edition', { edition: 'south-asia' }, 'articles_edition_published'],
  ['by sector', { sector: 'health' }, 'article_sectors_listing'],
  ['by sector, older page', { sector: 'health', before: cursor }, 'article_sectors_listing'],
  ['by country', { country: 'IN' }, 'article_countries_listing'],
  ['by author', { author: 'asha-rao' }, 'article_authors_listing'],
  ['drafts by last change', { status: 'draft' }, 'articles_status_updated'],
  ['API: published by last change', { orderBy: 'updated' }, 'articles_status_updated'],
  ['API: by last change, older page', { orderBy: 'updated', before: cursor }, 'articles_status_updated'],
  ['API: by kind and last change', { orderBy: 'updated', kind: 'opinion' }, 'articles_kind_updated'],
  ['API: by edition and last change', { orderBy: 'updated', edition: 'south-asia' }, 'articles_edition_updated'],
];

/**
 * The plan of a listing. `forceIndexes` makes full scans and sorts as expensive as PostgreSQL
 * allows, so that on an almost empty table the plan shows whether an index can serve the query
 * at all; on a full database the planner's own choice is what counts.
 */
export async function listPlan(store: Store, query: ListQuery, forceIndexes: boolean): Promise<string> {
  return (await planWith(store, forceIndexes, (db) => explainList(db, store.kind, query))).join('\n');
}

/** Runs an EXPLAIN, on PostgreSQL with scans and sorts made as expensive as it allows when
 *  `forceIndexes` (see listPlan). */
export async function planWith<T>(store: Store, forceIndexes: boolean, explain: (db: DB) => Promise<T>): Promise<T> {
  if (store.kind === 'sqlite' || !forceIndexes) return explain(store.db);
  return store.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_bitmapscan = off`.execute(trx);
    await sql`set local enable_sort = off`.execute(trx);
    return explain(trx);
  });
}

/** What is wrong with a plan: a sort, a full scan, or another index than `index`; null when none. */
export function planProblem(kind: Store['kind'], plan: string, index: string): string | null {
  if (kind === 'sqlite') {
    if (/TEMP B-TREE/.test(plan)) return 'sorts in a temporary b-tree';
    if (/^SCAN articles$/m.test(plan)) return 'scans the whole articles table';
    if (!new RegExp(`USING (COVERING )?INDEX ${index}\\b`).test(plan)) return `does not use ${index}`;
    return null;
  }
  if (/\bSort\b/.test(plan)) return 'sorts';
  if (/Seq Scan/.test(plan)) return 'scans a whole table';
  if (!new RegExp(`Index (Only )?Scan (Backward )?using ${index}\\b`).test(plan)) return `does not use ${index}`;
  return null;
}
