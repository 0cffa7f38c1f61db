import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/connect.js';
import type { FeedbackTable } from '../db/schema.js';
import { NotFoundError, ValidationError } from '../content/errors.js';
import { nowIso, type IsoTime } from '../content/time.js';

/*
 * Readers' feedback: what the public form sends, kept for the newsroom's inbox (unread → read →
 * archived, and back). The form and its abuse controls live in site/feedback-routes.tsx; the
 * inbox in newsroom/feedback-routes.tsx.
 */

export const feedbackStatuses = ['unread', 'read', 'archived'] as const;
export type FeedbackStatus = (typeof feedbackStatuses)[number];

export const FEEDBACK_LIMITS = { name: 100, email: 254, message: 5000, fromPath: 500 } as const;

export interface Feedback {
  id: number;
  name: string;
  email: string;
  message: string;
  /** The same-site page the reader wrote about, or null. */
  fromPath: string | null;
  status: FeedbackStatus;
  createdAt: IsoTime;
  readAt: IsoTime | null;
  archivedAt: IsoTime | null;
}

// Control characters other than tab and line breaks have no place in a message; in a name or
// an email (which may become mail headers) not even those.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_CONTROL = /[\u0000-\u001F\u007F]/;

export const feedbackInput = z.object({
  name: z
    .string()
    .trim()
    .max(FEEDBACK_LIMITS.name, `Your name can have at most ${FEEDBACK_LIMITS.name} characters.`)
    .refine((v) => !LINE_CONTROL.test(v), 'Your name contains characters that cannot be used.')
    .default(''),
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address, so that we can answer you.')
    .max(FEEDBACK_LIMITS.email, `The email address can have at most ${FEEDBACK_LIMITS.email} characters.`)
    .pipe(z.email('Enter an email address like name@example.org.'))
    .transform((e) => e.toLowerCase()),
  message: z
    .string()
    .transform((m) => m.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, 'Write your message.')
        .max(FEEDBACK_LIMITS.message, `Your message can have at most ${FEEDBACK_LIMITS.message} characters.`)
        .refine((v) => !CONTROL.test(v), 'Your message contains characters that cannot be used.'),
    ),
  fromPath: z
    .string()
    .nullish()
    .transform((p) => sameSitePath(p)),
});
export type FeedbackInput = z.input<typeof feedbackInput>;

/**
 * A path on this site that a reader may have written about, or null: it starts with one "/",
 * has no scheme, host, backslash or control characters, is at most 500 characters and is not
 * the newsroom or the feedback form itself. Anything else (including other sites) is dropped.
 */
export function sameSitePath(value: string | null | undefined): string | null {
  if (!value || value.length > FEEDBACK_LIMITS.fromPath) return null;
  if (!/^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/%?]*$/.test(value)) return null;
  if (/^\/(newsroom|feedback)(?=$|[/?#])/.test(value)) return null;
  return value;
}

const toFeedback = (r: Selectable<FeedbackTable>): Feedback => ({
  id: r.id,
  name: r.name,
  email: r.email,
  message: r.message,
  fromPath: r.from_path,
  status: r.status as FeedbackStatus,
  createdAt: r.created_at,
  readAt: r.read_at,
  archivedAt: r.archived_at,
});

/** A message as it will be stored; a ValidationError lists what to fix, in words for the reader. */
export function checkFeedback(input: FeedbackInput): z.output<typeof feedbackInput> {
  const parsed = feedbackInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = [...new Set(parsed.error.issues.map((i) => i.message))];
  throw new ValidationError(problems.join(' '), problems);
}

/** Validates and stores a reader's message (unread). */
export async function submitFeedback(db: DB, input: FeedbackInput, at: IsoTime = nowIso()): Promise<Feedback> {
  const f = checkFeedback(input);
  const row = await db
    .insertInto('feedback')
    .values({ name: f.name, email: f.email, message: f.message, from_path: f.fromPath, status: 'unread', created_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toFeedback(row);
}

export async function getFeedback(db: DB, id: number): Promise<Feedback | null> {
  if (!Number.isSafeInteger(id)) return null;
  const row = await db.selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toFeedback(row) : null;
}

/** Which messages a list shows: one status, or the inbox (unread and read), or everything. */
export type FeedbackView = FeedbackStatus | 'inbox' | 'all';

/** Newest first, `limit` at a time; `next` is the id to pass as `beforeId` for older ones. */
export async function listFeedback(
  db: DB,
  options: { view?: FeedbackView; beforeId?: number; limit?: number } = {},
): Promise<{ items: Feedback[]; next: number | null }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const view = options.view ?? 'inbox';
  let q = db
    .selectFrom('feedback')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (view === 'inbox') q = q.where('status', 'in', ['unread', 'read']);
  else if (view !== 'all') q = q.where('status', '=', view);
  if (options.beforeId) q = q.where('id', '<', options.beforeId);
  const rows = await q.execute();
  const items = rows.slice(0, limit).map(toFeedback);
  return { items, next: rows.length > limit ? items.at(-1)!.id : null };
}

/** Messages in each status, for the inbox's tabs. */
export async function countFeedbackByStatus(db: DB): Promise<Record<FeedbackStatus, number>> {
  const rows = await db
    .selectFrom('feedback')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts = { unread: 0, read: 0, archived: 0 };
  for (const r of rows) if (r.status in counts) counts[r.status as FeedbackStatus] = Number(r.n);
  return counts;
}

/** Unread messages, for a badge on the dashboard. */
export async function countUnreadFeedback(db: DB): Promise<number> {
  const row = await db
    .selectFrom('feedback')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'unread')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Moves a message: `read` (and back to `unread`), `archived` (and back to the inbox as read).
 * Keeps when it was first read and when it was archived.
 */
export async function setFeedbackStatus(db: DB, id: number, status: FeedbackStatus, at: IsoTime = nowIso()): Promise<Feedback> {
  const current = await getFeedback(db, id);
  if (!current) throw new NotFoundError('There is no such message.');
  await db
    .updateTable('feedback')
    .set({
      status,
      read_at: status === 'unread' ? null : (current.readAt ?? at),
      archived_at: status === 'archived' ? (current.archivedAt ?? at) : null,
    })
    .where('id', '=', id)
    .execute();
  return (await getFeedback(db, id))!;
}
