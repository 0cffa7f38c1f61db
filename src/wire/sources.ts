import path from 'node:path';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Actor } from '../content/audit.js';
import { fromZod, NotFoundError, ValidationError } from '../content/errors.js';
import { notify } from '../content/notifications.js';
import { nowIso } from '../content/time.js';
import { inTransaction, type DB } from '../db/connect.js';
import type { WireSourcesTable } from '../db/schema.js';
import { destinationProblem, STRICT_POLICY, type OutboundPolicy } from '../net/address-policy.js';
import { dropFolderProblem, type DropFolderPlaces } from './folder-policy.js';

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
  /** A disabled source is neither watched nor polled. */
  enabled: boolean;
}

export const sourceInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    agency: z.string().trim().min(1).max(100),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .default(null),
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
  enabled: r.enabled === 1,
});

/** What a source is checked against: the addresses allowed besides public ones (config.outbound)
 *  for a URL, and where DATA_DIR is (folder-policy.ts) for a drop folder. */
export interface SourceChecks {
  outbound?: OutboundPolicy;
  places?: DropFolderPlaces;
}

/**
 * The input, validated. A URL's address must be public or one OUTBOUND_ALLOW names (the poller
 * refuses the others anyway; this says so while the form is still open). A drop folder must be
 * one the watcher may empty (folder-policy.ts): an existing absolute folder made for this source,
 * which is never created here. `id`: the source being changed.
 */
async function parseSource(db: DB, input: SourceInput, checks: SourceChecks, id?: number) {
  const parsed = sourceInput.safeParse(input);
  if (!parsed.success) throw fromZod('source', parsed.error);
  const s = parsed.data;
  if (s.url) {
    const problem = await destinationProblem(s.url, checks.outbound ?? STRICT_POLICY);
    if (problem) throw new ValidationError(`url: ${problem}; sources are polled at public addresses only (OUTBOUND_ALLOW can name one on your own network)`);
  }
  if (s.folder === null) return s;
  if (!checks.places) throw new Error('a drop folder is checked against DATA_DIR: pass the places');
  const others = (await db.selectFrom('wire_sources').select(['id', 'folder']).where('folder', 'is not', null).execute())
    .filter((o) => o.id !== id)
    .map((o) => o.folder!);
  const problem = dropFolderProblem(s.folder, checks.places, others);
  if (problem) throw new ValidationError(problem);
  return { ...s, folder: path.normalize(s.folder).replace(/(.)\/+$/, '$1') };
}

const describe = (s: { url: string | null; folder: string | null; rule: string }) => `${s.url ?? s.folder} (${s.rule})`;

/** Adds a source, audited. */
export async function addSource(db: DB, input: SourceInput, actor: Actor, checks: SourceChecks = {}): Promise<WireSource> {
  const s = await parseSource(db, input, checks);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('wire_sources')
      .values({
        name: s.name,
        agency: s.agency,
        url: s.url,
        poll_seconds: s.pollSeconds,
        folder: s.folder,
        edition: s.edition,
        sectors: JSON.stringify(s.sectors),
        rule: s.rule,
        items_total: 0,
        failures: 0,
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'source.add', `source ${row.name}`, describe(row));
    return toSource(row);
  });
}

/** Changes a source's settings, audited; its counts and history stay. */
export async function updateSource(db: DB, id: number, input: SourceInput, actor: Actor, checks: SourceChecks = {}): Promise<WireSource> {
  const s = await parseSource(db, input, checks, id);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('wire_sources')
      .set({
        name: s.name,
        agency: s.agency,
        url: s.url,
        poll_seconds: s.pollSeconds,
        folder: s.folder,
        edition: s.edition,
        sectors: JSON.stringify(s.sectors),
        rule: s.rule,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`No source with id ${id}`);
    await recordAudit(trx, actor, 'source.edit', `source ${row.name}`, describe(row));
    return toSource(row);
  });
}

/** Turns a source off (not watched, not polled) or back on, audited. */
export async function setSourceEnabled(db: DB, id: number, enabled: boolean, actor: Actor): Promise<WireSource> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('wire_sources')
      .set({ enabled: enabled ? 1 : 0, failures: 0 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`No source with id ${id}`);
    await recordAudit(trx, actor, enabled ? 'source.enable' : 'source.disable', `source ${row.name}`);
    return toSource(row);
  });
}

/** Removes a source, audited; the copy it brought stays, recorded under its name. */
export async function deleteSource(db: DB, id: number, actor: Actor): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx.deleteFrom('wire_sources').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw new NotFoundError(`No source with id ${id}`);
    await recordAudit(trx, actor, 'source.delete', `source ${row.name}`, describe(row));
  });
}

export async function getSource(db: DB, id: number): Promise<WireSource | null> {
  const row = await db.selectFrom('wire_sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSource(row) : null;
}

export async function listSources(db: DB): Promise<WireSource[]> {
  return (await db.selectFrom('wire_sources').selectAll().orderBy('name').execute()).map(toSource);
}

export async function findSourceByName(db: DB, name: string): Promise<WireSource | null> {
  const row = await db.selectFrom('wire_sources').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toSource(row) : null;
}

/** A source failing this many times in a row tells the admins. */
export const FAILURES_TO_TELL = 3;

/** Counts a failure in a row, and tells the admins once it reaches FAILURES_TO_TELL. */
async function countFailure(db: DB, source: WireSource, failures: number, error: string, at: string): Promise<void> {
  if (failures !== FAILURES_TO_TELL) return;
  await notify(
    db,
    {
      kind: 'source-failing',
      audience: 'sources.manage',
      dedupeKey: `source-failing:${source.id}:${source.lastSuccessAt ?? source.id}:${at}`,
      title: `Wire source failing: ${source.name}`,
      message: `${FAILURES_TO_TELL} runs in a row failed; the last said: ${error.slice(0, 500)}`,
    },
    at,
  );
}

/** Records the outcome of one folder scan, for the newsroom's source list (failures in a row counted). */
export async function recordSourceRun(db: DB, source: WireSource, outcome: { items: number; error?: string }, at = nowIso()): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('wire_sources').select(['items_total', 'failures']).where('id', '=', source.id).executeTakeFirst();
    if (!row) return;
    const failures = outcome.error ? row.failures + 1 : 0;
    await trx
      .updateTable('wire_sources')
      .set(
        outcome.error
          ? { last_error: outcome.error.slice(0, 2000), last_error_at: at, items_total: row.items_total + outcome.items, failures }
          : { last_success_at: at, items_total: row.items_total + outcome.items, failures },
      )
      .where('id', '=', source.id)
      .execute();
    if (outcome.error) await countFailure(trx, source, failures, outcome.error, at);
  });
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
        last_success_at: at,
        etag: outcome.etag,
        last_modified: outcome.lastModified,
        failures: 0,
        items_total: source.itemsTotal + outcome.items,
        next_poll_at: new Date(now + source.pollSeconds * 1000).toISOString(),
      })
      .where('id', '=', source.id)
      .execute();
    return;
  }
  const failures = source.failures + 1;
  const wait = Math.min(source.pollSeconds * 1000 * 2 ** failures, 6 * 3_600_000);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('wire_sources')
      .set({ last_error: outcome.error.slice(0, 2000), last_error_at: at, failures, next_poll_at: new Date(now + wait).toISOString() })
      .where('id', '=', source.id)
      .execute();
    await countFailure(trx, source, failures, outcome.error, at);
  });
}

/** What became of one drop-folder file: the counts the CLI prints, and its problems. */
export interface SourceFileRun {
  id: number;
  file: string;
  processedAt: string;
  outcome: 'processed' | 'failed';
  counts: { new: number; updated: number; merged: number; ignored: number; withheld: number; canceled: number; rejected: number };
  problems: string;
}

export async function recordSourceFile(db: DB, sourceId: number, run: Omit<SourceFileRun, 'id'>): Promise<void> {
  await db
    .insertInto('wire_source_files')
    .values({
      source_id: sourceId,
      file: run.file.slice(0, 1000),
      processed_at: run.processedAt,
      outcome: run.outcome,
      counts: JSON.stringify(run.counts),
      problems: run.problems.slice(0, 4000),
    })
    .execute();
}

/** A source's most recent files, newest first. */
export async function listSourceFiles(db: DB, sourceId: number, limit = 20): Promise<SourceFileRun[]> {
  const rows = await db.selectFrom('wire_source_files').selectAll().where('source_id', '=', sourceId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    file: r.file,
    processedAt: r.processed_at,
    outcome: r.outcome as SourceFileRun['outcome'],
    counts: JSON.parse(r.counts) as SourceFileRun['counts'],
    problems: r.problems,
  }));
}
