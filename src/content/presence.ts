import type { DB } from '../db/connect.js';
import { nowIso, type IsoTime } from './time.js';

/** Who has a story open in the editor. Kept in the database, so every process (and every
 *  server in front of one PostgreSQL) sees the same people. The editor page's heartbeat renews it. */

/** Someone counts as editing for this long after their page last said so (the heartbeat is 30 s). */
export const PRESENCE_WINDOW_MS = 75_000;

export interface Editing {
  userId: number;
  displayName: string;
  seenAt: IsoTime;
}

/** Records that `user` has the story open now, and answers who else has. */
export async function markEditing(db: DB, articleId: number, user: { id: number; displayName: string }, now: IsoTime = nowIso()): Promise<Editing[]> {
  await db
    .insertInto('editor_presence')
    .values({ article_id: articleId, user_id: user.id, display_name: user.displayName, seen_at: now })
    .onConflict((oc) => oc.columns(['article_id', 'user_id']).doUpdateSet({ display_name: user.displayName, seen_at: now }))
    .execute();
  return othersEditing(db, articleId, user.id, now);
}

/** The other people whose editor for this story said so within the window, longest there first. */
export async function othersEditing(db: DB, articleId: number, userId: number, now: IsoTime = nowIso()): Promise<Editing[]> {
  const since = new Date(Date.parse(now) - PRESENCE_WINDOW_MS).toISOString();
  const rows = await db
    .selectFrom('editor_presence')
    .select(['user_id', 'display_name', 'seen_at'])
    .where('article_id', '=', articleId)
    .where('user_id', '!=', userId)
    .where('seen_at', '>=', since)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, seenAt: r.seen_at }));
}

/** The person closed the story (or signed out): they no longer count. */
export async function stopEditing(db: DB, articleId: number, userId: number): Promise<void> {
  await db.deleteFrom('editor_presence').where('article_id', '=', articleId).where('user_id', '=', userId).execute();
}

/** The person signed out (newsroom/sessions.ts signOut): they have no story open any more. */
export async function leaveAllStories(db: DB, userId: number): Promise<void> {
  await db.deleteFrom('editor_presence').where('user_id', '=', userId).execute();
}
