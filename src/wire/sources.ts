import fs from 'node:fs';
import path from 'node:path';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { fromZod } from '../content/errors.js';
import { nowIso } from '../content/time.js';
import type { DB } from '../db/connect.js';
import type { WireSourcesTable } from '../db/schema.js';

/** A configured source of agency copy. */
export interface WireSource {
  id: number;
  name: string;
  agency: string;
  url: string | null;
  pollSeconds: number;
  folder: string | null;
  edition: string | null;
  sectors: string[];
  rule: 'inbox' | 'auto-publish';
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  itemsTotal: number;
  etag: string | null;
  lastModified: string | null;
  nextPollAt: string | null;
  failures: number;
}

export const sourceInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    agency: z.string().trim().min(1).max(100),
    url: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
    pollSeconds: z.number().int().min(30).max(86_400).default(300),
    folder: z.string().trim().min(1).max(1000).nullable().default(null),
    edition: z.string().max(80).nullable().default(null),
    sectors: z.array(z.string().max(80)).max(10).default([]),
    rule: z.enum(['inbox', 'auto-publish']).default('inbox'),
  })
  .refine((s) => (s.url === null) !== (s.folder === null), { message: 'give either a URL to poll or a drop folder to watch', path: ['url'] });
export type SourceInput = z.input<typeof sourceInput>;

const toSource = (r: Selectable<WireSourcesTable>): WireSource => ({
  id: r.id,
  name: r.name,
  agency: r.agency,
  url: r.url,
  pollSeconds: r.poll_seconds,
  folder: r.folder,
  edition: r.edition,
  sectors: JSON.parse(r.sectors) as string[],
  rule: r.rule as WireSource['rule'],
  lastSuccessAt: r.last_success_at,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
  itemsTotal: r.items_total,
  etag: r.etag,
  lastModified: r.last_modified,
  nextPollAt: r.next_poll_at,
  failures: r.failures,
});

export async function addSource(db: DB, input: SourceInput): Promise<WireSource> {
  const parsed = sourceInput.safeParse(input);
  if (!parsed.success) throw fromZod('source', parsed.error);
  const s = parsed.data;
  // The folder exists from the start, so the agency (or a person) can drop files at once.
  if (s.folder) fs.mkdirSync(path.resolve(s.folder), { recursive: true });
  const row = await db
    .insertInto('wire_sources')
    .values({
      name: s.name, agency: s.agency, url: s.url, poll_seconds: s.pollSeconds, folder: s.folder ? path.resolve(s.folder) : null,
      edition: s.edition, sectors: JSON.stringify(s.sectors), rule: s.rule, items_total: 0, failures: 0, created_at: nowIso(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSource(row);
}

export async function listSources(db: DB): Promise<WireSource[]> {
  return (await db.selectFrom('wire_sources').selectAll().orderBy('name').execute()).map(toSource);
}

export async function findSourceByName(db: DB, name: string): Promise<WireSource | null> {
  const row = await db.selectFrom('wire_sources').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toSource(row) : null;
}

/** Records the outcome of one poll or folder scan, for the newsroom's source list. */
export async function recordSourceRun(db: DB, id: number, outcome: { items: number; error?: string }, at = nowIso()): Promise<void> {
  const row = await db.selectFrom('wire_sources').select('items_total').where('id', '=', id).executeTakeFirstOrThrow();
  await db
    .updateTable('wire_sources')
    .set(
      outcome.error
        ? { last_error: outcome.error.slice(0, 2000), last_error_at: at, items_total: row.items_total + outcome.items }
        : { last_success_at: at, items_total: row.items_total + outcome.items },
    )
    .where('id', '=', id)
    .execute();
}

/** Records one poll of a source URL: validators and the next time on success; on failure the
 *  count of failures in a row, the error, and a doubling wait (at most six hours). */
export async function recordPoll(
  db: DB,
  source: WireSource,
  outcome: { ok: true; items: number; etag: string | null; lastModified: string | null } | { ok: false; error: string },
  now = Date.now(),
): Promise<void> {
  const at = new Date(now).toISOString();
  if (outcome.ok) {
    await db
      .updateTable('wire_sources')
      .set({
        last_success_at: at, etag: outcome.etag, last_modified: outcome.lastModified, failures: 0,
        items_total: source.itemsTotal + outcome.items, next_poll_at: new Date(now + source.pollSeconds * 1000).toISOString(),
      })
      .where('id', '=', source.id)
      .execute();
    return;
  }
  const failures = source.failures + 1;
  const wait = Math.min(source.pollSeconds * 1000 * 2 ** failures, 6 * 3_600_000);
  await db
    .updateTable('wire_sources')
    .set({ last_error: outcome.error.slice(0, 2000), last_error_at: at, failures, next_poll_at: new Date(now + wait).toISOString() })
    .where('id', '=', source.id)
    .execute();
}
