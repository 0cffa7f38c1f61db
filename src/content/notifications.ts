import { sql } from 'kysely';
import type { DB } from '../db/connect.js';
import { nowIso, type IsoTime } from './time.js';

/*
 * What the desk is told: a story submitted for review, an agency's kill or hold of a live story,
 * an agency update to a story the desk edited, an embargo lifting on a story the desk holds, a
 * source failing again and again. A notification is written in the transaction of the change it
 * tells of, so it exists exactly when the change does; each user marks it read for themselves;
 * those who asked for it get it by email too (newsroom/notification-mail.ts).
 */

export const notificationKinds = {
  review: 'Submitted for review',
  'agency-hold': 'Held by the agency',
  'agency-release': 'Agency hold lifted',
  'agency-kill': 'Killed by the agency',
  'agency-update': 'Agency update to an edited story',
  'embargo-lifted': 'Embargo lifted',
  'schedule-refused': 'Scheduled publication stopped',
  'source-failing': 'Wire source failing',
} as const;
export type NotificationKind = keyof typeof notificationKinds;

export interface NewNotification {
  kind: NotificationKind;
  /** The newsroom permission whose holders are told (e.g. 'article.publish'). */
  audience: string;
  articleId?: number | null;
  title: string;
  message?: string;
  /** The same happening is told once: a second notification with this key is dropped. */
  dedupeKey?: string;
}

export interface Notification {
  id: number;
  kind: NotificationKind;
  audience: string;
  articleId: number | null;
  title: string;
  message: string;
  createdAt: IsoTime;
  read: boolean;
}

/** Records a notification in the caller's transaction (or on its own). */
export async function notify(db: DB, n: NewNotification, now: IsoTime = nowIso()): Promise<void> {
  await db
    .insertInto('notifications')
    .values({
      kind: n.kind,
      audience: n.audience,
      article_id: n.articleId ?? null,
      title: n.title.slice(0, 300),
      message: (n.message ?? '').slice(0, 2000),
      created_at: now,
      dedupe_key: n.dedupeKey ?? null,
      emailed_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** The notifications for a user whose role may see `audiences`, newest first. */
export async function listNotifications(
  db: DB,
  userId: number,
  audiences: readonly string[],
  options: { limit?: number; beforeId?: number; unreadOnly?: boolean } = {},
): Promise<Notification[]> {
  if (audiences.length === 0) return [];
  let q = db
    .selectFrom('notifications as n')
    .leftJoin('notification_reads as r', (join) => join.onRef('r.notification_id', '=', 'n.id').on('r.user_id', '=', userId))
    .select(['n.id', 'n.kind', 'n.audience', 'n.article_id', 'n.title', 'n.message', 'n.created_at', 'r.read_at'])
    .where('n.audience', 'in', [...audiences])
    .orderBy('n.id', 'desc')
    .limit(Math.min(options.limit ?? 50, 200));
  if (options.beforeId) q = q.where('n.id', '<', options.beforeId);
  if (options.unreadOnly) q = q.where('r.read_at', 'is', null);
  return (await q.execute()).map((r) => toNotification(r, r.read_at !== null));
}

const toNotification = (
  r: { id: number; kind: string; audience: string; article_id: number | null; title: string; message: string; created_at: string },
  read: boolean,
): Notification => ({
  id: r.id,
  kind: r.kind as NotificationKind,
  audience: r.audience,
  articleId: r.article_id,
  title: r.title,
  message: r.message,
  createdAt: r.created_at,
  read,
});

export async function countUnread(db: DB, userId: number, audiences: readonly string[]): Promise<number> {
  if (audiences.length === 0) return 0;
  const row = await db
    .selectFrom('notifications as n')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('n.audience', 'in', [...audiences])
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('notification_reads as r').select('r.user_id').whereRef('r.notification_id', '=', 'n.id').where('r.user_id', '=', userId)),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks notifications read for one user: the given ones, or all they may see. */
export async function markRead(db: DB, userId: number, audiences: readonly string[], ids: number[] | 'all', now: IsoTime = nowIso()): Promise<number> {
  if (audiences.length === 0) return 0;
  const target = ids === 'all' ? null : ids.filter((id) => Number.isSafeInteger(id) && id > 0).slice(0, 500);
  if (target && target.length === 0) return 0;
  const result = await sql`insert into notification_reads (notification_id, user_id, read_at)
    select n.id, ${userId}, ${now} from notifications n
    where n.audience in (${sql.join([...audiences])}) ${target ? sql`and n.id in (${sql.join(target)})` : sql``}
      and not exists (select 1 from notification_reads r where r.notification_id = n.id and r.user_id = ${userId})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Notifications not yet sent by email, oldest first. */
export async function unmailedNotifications(db: DB, limit = 50): Promise<Notification[]> {
  const rows = await db.selectFrom('notifications').selectAll().where('emailed_at', 'is', null).orderBy('id').limit(limit).execute();
  return rows.map((r) => toNotification(r, false));
}

export async function markEmailed(db: DB, ids: number[], now: IsoTime = nowIso()): Promise<void> {
  if (ids.length) await db.updateTable('notifications').set({ emailed_at: now }).where('id', 'in', ids).execute();
}
