import type { DB } from '../db/connect.js';
import { csvRow } from '../util/csv.js';
import { readsPerStoryDay } from './story-reads.js';

/* Reads per story and UTC day as CSV, for the newsroom's export and `wiredesk export audience`. */

export const AUDIENCE_CSV_COLUMNS = ['article_id', 'slug', 'headline', 'day', 'reads'] as const;

/** The header, then one batch of rows at a time; days from `from` to `to`, both included. A bad
 *  range throws RangeError at once, before any line. */
export function audienceCsv(db: DB, range: { from: string; to: string }, batchSize?: number): AsyncGenerator<string> {
  const batches = readsPerStoryDay(db, range, batchSize);
  return (async function* lines() {
    yield csvRow(AUDIENCE_CSV_COLUMNS);
    for await (const rows of batches) yield rows.map((r) => csvRow([String(r.articleId), r.slug, r.headline, r.day, String(r.reads)])).join('');
  })();
}
