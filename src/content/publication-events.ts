import { sql, type Selectable } from 'kysely';
import { dialectOf, inTransaction, type DB } from '../db/connect.js';
import type { PublicationEventsTable } from '../db/schema.js';
import type { Article } from './articles.js';
import { nowIso, type IsoTime } from './time.js';

/*
 * The publication outbox. Every publish, update and unpublish of a story adds a row here in the
 * same transaction as the change itself, with the story as it then was, so an event exists if
 * and only if the change was committed. The webhook dispatcher reads the rows later
 * (dispatchPublicationEvents) and fans them out; nothing is lost if it is down meanwhile.
 */

export const publicationEventTypes = ['publish', 'update', 'unpublish'] as const;
export type PublicationEventType = (typeof publicationEventTypes)[number];

export interface PublicationEvent {
  id: number;
  articleId: number;
  articleVersion: number;
  event: PublicationEventType;
  occurredAt: IsoTime;
  /** The story right after the change (an unpublished story keeps its last content). */
  snapshot: Article;
  dispatchedAt: IsoTime | null;
}

/** What a change means outside the newsroom: going out, changing while out, or being taken
 *  down. Anything that never was published and still is not means nothing. */
export function publicationEventOf(before: { status: string } | null, after: { status: string }): PublicationEventType | null {
  const was = before?.status === 'published';
  const is = after.status === 'published';
  if (is) return was ? 'update' : 'publish';
  return was ? 'unpublish' : null;
}

/** Records the event of a change, if it has one, in the caller's transaction. */
export async function recordPublicationEvent(trx: DB, before: Article | null, after: Article, now: IsoTime): Promise<void> {
  const event = publicationEventOf(before, after);
  if (!event) return;
  await trx
    .insertInto('publication_events')
    .values({ article_id: after.id, article_version: after.version, event, occurred_at: now, snapshot: JSON.stringify(after), dispatched_at: null })
    .execute();
}

type EventRow = Selectable<PublicationEventsTable>;

const toEvent = (r: EventRow): PublicationEvent => ({
  id: r.id,
  articleId: r.article_id,
  articleVersion: r.article_version,
  event: r.event as PublicationEventType,
  occurredAt: r.occurred_at,
  snapshot: JSON.parse(r.snapshot) as Article,
  dispatchedAt: r.dispatched_at,
});

/** An arbitrary, fixed key for PostgreSQL's advisory lock: one process fans out at a time. */
const FAN_OUT_LOCK = 720_509_001;

/**
 * Hands the oldest events not yet dispatched (in the order they happened) to `fanOut`, then
 * marks them dispatched, in one transaction: a crash in between leaves them to the next run.
 * On PostgreSQL one process does this at a time (an advisory lock; the others find nothing to
 * do), which keeps the events of a story in order. Returns how many events were dispatched.
 */
export async function dispatchPublicationEvents(
  db: DB,
  fanOut: (trx: DB, events: PublicationEvent[]) => Promise<void>,
  options: { limit?: number; now?: IsoTime } = {},
): Promise<number> {
  const now = options.now ?? nowIso();
  return inTransaction(db, async (trx) => {
    if (dialectOf(trx) === 'postgres') {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${FAN_OUT_LOCK}) as locked`.execute(trx);
      if (!rows[0]?.locked) return 0;
    }
    const rows = await trx
      .selectFrom('publication_events')
      .selectAll()
      .where('dispatched_at', 'is', null)
      .orderBy('id')
      .limit(options.limit ?? 100)
      .execute();
    if (rows.length === 0) return 0;
    await fanOut(trx, rows.map(toEvent));
    await trx
      .updateTable('publication_events')
      .set({ dispatched_at: now })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.length;
  });
}

/** A story's events, oldest first (or the latest of all stories when no id is given). */
export async function listPublicationEvents(db: DB, articleId?: number, limit = 100): Promise<PublicationEvent[]> {
  let q = db.selectFrom('publication_events').selectAll();
  if (articleId !== undefined) q = q.where('article_id', '=', articleId);
  const rows = await q.orderBy('id', 'desc').limit(limit).execute();
  return rows.reverse().map(toEvent);
}

/** Forgets events dispatched before `before` (their deliveries go with them). */
export async function prunePublicationEvents(db: DB, before: IsoTime): Promise<number> {
  const result = await db.deleteFrom('publication_events').where('dispatched_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
