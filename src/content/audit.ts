import type { DB } from '../db/connect.js';
import { nowIso, type IsoTime } from './time.js';

/** Who did what, when: every sign-in, publication, removal, role or settings change. */
export interface AuditEntry {
  id: number;
  at: IsoTime;
  userId: number | null;
  actor: string;
  action: string;
  subject: string;
  detail: string;
}

export interface Actor {
  /** A user's email, or a process such as "scheduler". */
  name: string;
  userId: number | null;
}

export async function recordAudit(db: DB, actor: Actor, action: string, subject = '', detail = '', at: IsoTime = nowIso()): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ at, user_id: actor.userId, actor: actor.name, action, subject, detail: detail.slice(0, 2000) })
    .execute();
}

/** Newest first, `limit` at a time, older than `beforeId` when given. */
export async function listAudit(db: DB, options: { limit?: number; beforeId?: number; action?: string } = {}): Promise<AuditEntry[]> {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(Math.min(options.limit ?? 50, 200));
  if (options.beforeId) q = q.where('id', '<', options.beforeId);
  if (options.action) q = q.where('action', '=', options.action);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, at: r.at, userId: r.user_id, actor: r.actor, action: r.action, subject: r.subject, detail: r.detail }));
}

/** The newest entry about a subject (e.g. "article 12:"), for "changed by X at T". */
export async function latestAuditFor(db: DB, subjectPrefix: string): Promise<AuditEntry | null> {
  const [row] = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('subject', 'like', `${subjectPrefix.replace(/[%_]/g, '')}%`)
    .orderBy('id', 'desc')
    .limit(1)
    .execute();
  return row ? { id: row.id, at: row.at, userId: row.user_id, actor: row.actor, action: row.action, subject: row.subject, detail: row.detail } : null;
}
