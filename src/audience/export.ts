import type { DB } from '../db/connect.js';
import { z } from 'zod';
import { recordAudit, type Actor } from '../content/audit.js';
import { fromZod, ValidationError } from '../content/errors.js';
import { csvRow } from '../util/csv.js';
import { given } from '../util/form.js';
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

const DEFAULT_AUDIENCE_DAYS = 30;
const DAY_MS = 86_400_000;
const day = (name: string) =>
  z
    .string({ error: `give ${name} once, as a day (YYYY-MM-DD)` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day such as 2026-11-29')
    .optional();
const audienceInput = z.object({ from: day('from'), to: day('to') });

/** `?from=&to=` of the audience export (UTC days, both included); by default the last 30 days to today. */
export function audienceExportRange(query: Record<string, unknown>, now: Date): { from: string; to: string } {
  const parsed = audienceInput.safeParse({ from: given(query.from), to: given(query.to) });
  if (!parsed.success) throw fromZod('export range', parsed.error);
  const to = parsed.data.to ?? now.toISOString().slice(0, 10);
  const from = parsed.data.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_AUDIENCE_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}

/** The audience export asked for by `actor` (`from`, `to`): audited, then its lines; a bad range is a ValidationError. */
export async function exportAudience(db: DB, query: Record<string, unknown>, now: Date, actor: Actor) {
  const range = audienceExportRange(query, now);
  let lines: AsyncGenerator<string>;
  try {
    lines = audienceCsv(db, range);
  } catch (error) {
    if (error instanceof RangeError) throw new ValidationError(`Invalid export range: ${error.message}`);
    throw error;
  }
  await recordAudit(db, actor, 'audience.export', 'reads per story and day', `${range.from} to ${range.to}`);
  return { range, lines };
}
