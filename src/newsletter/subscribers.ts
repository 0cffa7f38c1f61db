import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Actor } from '../content/audit.js';
import { fromZod } from '../content/errors.js';
import { nowIso, toIso, type IsoTime } from '../content/time.js';
import { dialectOf, inTransaction, type DB } from '../db/connect.js';
import type { NewsletterSubscribersTable } from '../db/schema.js';
import { csvCell } from '../util/csv.js';

/*
 * Newsletter subscribers, double opt-in: a sign-up makes (or refreshes) a `pending` row and the
 * caller mails a confirmation link; only the link makes it `confirmed`, and only confirmed
 * addresses are ever sent a digest. Unsubscribing keeps the row (status `unsubscribed`, so the
 * figures over time stay right); an admin's deletion on request removes it and its send log.
 * A permanent SMTP refusal marks the address `bouncing`: it gets nothing until its owner
 * subscribes again.
 */

export const subscriberStatuses = ['pending', 'confirmed', 'unsubscribed', 'bouncing'] as const;
export type SubscriberStatus = (typeof subscriberStatuses)[number];

export interface Subscriber {
  id: number;
  email: string;
  status: SubscriberStatus;
  /** Edition slugs, in the editions' order. */
  editions: string[];
  /** Sector slugs. */
  sectors: string[];
  createdAt: IsoTime;
  updatedAt: IsoTime;
  confirmRequestedAt: IsoTime | null;
  confirmedAt: IsoTime | null;
  leftAt: IsoTime | null;
  bounceReason: string | null;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(80);

export const choicesInput = z.object({
  /** Edition slugs; unknown ones are dropped, none means the default edition. */
  editions: z.array(slug).max(50).default([]),
  /** Sector slugs; unknown ones are dropped. */
  sectors: z.array(slug).max(100).default([]),
});
export type ChoicesInput = z.input<typeof choicesInput>;

export const signUpInput = choicesInput.extend({
  email: z.string().trim().max(254, 'is longer than an email address can be').pipe(z.email('is not an email address')),
});
export type SignUpInput = z.input<typeof signUpInput>;

type Row = Selectable<NewsletterSubscribersTable>;

async function editionsOf(db: DB, ids: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (ids.length === 0) return map;
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('newsletter_subscriber_editions as se')
      .innerJoin('editions as e', 'e.id', 'se.edition_id')
      .select(['se.subscriber_id', 'e.slug'])
      .where('se.subscriber_id', 'in', ids.slice(i, i + 500))
      .orderBy('e.position')
      .orderBy('e.id')
      .execute();
    for (const r of rows) map.set(r.subscriber_id, [...(map.get(r.subscriber_id) ?? []), r.slug]);
  }
  return map;
}

const toSubscriber = (r: Row, editions: string[]): Subscriber => ({
  id: r.id,
  email: r.email,
  status: r.status as SubscriberStatus,
  editions,
  sectors: JSON.parse(r.sectors) as string[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  confirmRequestedAt: r.confirm_requested_at,
  confirmedAt: r.confirmed_at,
  leftAt: r.left_at,
  bounceReason: r.bounce_reason,
});

async function load(db: DB, rows: Row[]): Promise<Subscriber[]> {
  const editions = await editionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toSubscriber(r, editions.get(r.id) ?? []));
}

export async function getSubscriber(db: DB, id: number): Promise<Subscriber | null> {
  if (!Number.isSafeInteger(id)) return null;
  const row = await db.selectFrom('newsletter_subscribers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await load(db, [row]))[0]! : null;
}

export async function findSubscriberByEmail(db: DB, email: string): Promise<Subscriber | null> {
  const row = await db.selectFrom('newsletter_subscribers').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return row ? (await load(db, [row]))[0]! : null;
}

/** The known editions and sectors among the choices (unknown slugs dropped); no edition means the default one. */
async function resolveChoices(db: DB, input: ChoicesInput): Promise<{ editionIds: number[]; sectors: string[] }> {
  const parsed = choicesInput.safeParse(input);
  if (!parsed.success) throw fromZod('newsletter choices', parsed.error);
  const { editions, sectors } = parsed.data;
  let editionIds = editions.length ? (await db.selectFrom('editions').select('id').where('slug', 'in', editions).execute()).map((e) => e.id) : [];
  if (editionIds.length === 0) {
    const fallback = await db.selectFrom('editions').select('id').orderBy('is_default', 'desc').orderBy('position').orderBy('id').executeTakeFirst();
    editionIds = fallback ? [fallback.id] : [];
  }
  const knownSectors = sectors.length
    ? (await db.selectFrom('sectors').select('slug').where('slug', 'in', sectors).orderBy('position').orderBy('id').execute()).map((s) => s.slug)
    : [];
  return { editionIds, sectors: knownSectors };
}

async function setEditions(db: DB, subscriberId: number, editionIds: number[]): Promise<void> {
  await db.deleteFrom('newsletter_subscriber_editions').where('subscriber_id', '=', subscriberId).execute();
  if (editionIds.length) {
    await db
      .insertInto('newsletter_subscriber_editions')
      .values(editionIds.map((edition_id) => ({ subscriber_id: subscriberId, edition_id })))
      .execute();
  }
}

export type SignUpOutcome =
  /** New, pending, or had left: now pending with these choices; mail a confirmation link. */
  | 'confirm'
  /** Already confirmed: nothing changed (choices change only through the signed preferences link); mail a reminder with that link. */
  | 'already-subscribed';

/**
 * A sign-up from the public form. Throws ValidationError for an address that is not one. The
 * caller answers the same page for both outcomes, so the form tells nobody who is on the list.
 */
export async function requestSubscription(db: DB, input: SignUpInput, now: IsoTime = nowIso()): Promise<{ subscriber: Subscriber; outcome: SignUpOutcome }> {
  const parsed = signUpInput.safeParse(input);
  if (!parsed.success) throw fromZod('sign-up', parsed.error);
  const email = normaliseEmail(parsed.data.email);
  return inTransaction(db, async (trx) => {
    const choices = await resolveChoices(trx, parsed.data);
    const existing = await trx.selectFrom('newsletter_subscribers').selectAll().where('email', '=', email).executeTakeFirst();
    if (existing?.status === 'confirmed') {
      return { subscriber: (await load(trx, [existing]))[0]!, outcome: 'already-subscribed' as const };
    }
    let id: number;
    if (existing) {
      id = existing.id;
      await trx
        .updateTable('newsletter_subscribers')
        .set({ status: 'pending', sectors: JSON.stringify(choices.sectors), updated_at: now, confirm_requested_at: now })
        .where('id', '=', id)
        .execute();
    } else {
      // Two sign-ups of one new address at once: the second finds the first's row.
      const inserted = await trx
        .insertInto('newsletter_subscribers')
        .values({ email, status: 'pending', sectors: JSON.stringify(choices.sectors), created_at: now, updated_at: now, confirm_requested_at: now })
        .onConflict((oc) => oc.column('email').doUpdateSet({ updated_at: now, confirm_requested_at: now }))
        .returning('id')
        .executeTakeFirstOrThrow();
      id = inserted.id;
    }
    await setEditions(trx, id, choices.editionIds);
    const row = await trx.selectFrom('newsletter_subscribers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return { subscriber: (await load(trx, [row]))[0]!, outcome: 'confirm' as const };
  });
}

/**
 * The confirmation link was followed: a pending address becomes confirmed (a confirmed one stays
 * so). Null when there is no such subscriber or it has left since (its link no longer counts).
 */
export async function confirmSubscription(db: DB, id: number, now: IsoTime = nowIso()): Promise<Subscriber | null> {
  await db
    .updateTable('newsletter_subscribers')
    .set({ status: 'confirmed', confirmed_at: now, updated_at: now, left_at: null, bounce_reason: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
  const subscriber = await getSubscriber(db, id);
  return subscriber?.status === 'confirmed' ? subscriber : null;
}

/** Unsubscribes (idempotent). Null when there is no such subscriber. */
export async function unsubscribe(db: DB, id: number, now: IsoTime = nowIso()): Promise<Subscriber | null> {
  // left_at is when the address stopped receiving: only a confirmed one stops now.
  await db
    .updateTable('newsletter_subscribers')
    .set({ status: 'unsubscribed', updated_at: now, left_at: now })
    .where('id', '=', id)
    .where('status', '=', 'confirmed')
    .execute();
  await db
    .updateTable('newsletter_subscribers')
    .set({ status: 'unsubscribed', updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'bouncing'])
    .execute();
  return getSubscriber(db, id);
}

/** Subscribes again from a signed preferences link (which proves the mailbox): confirmed at once. */
export async function resubscribe(db: DB, id: number, now: IsoTime = nowIso()): Promise<Subscriber | null> {
  await db
    .updateTable('newsletter_subscribers')
    .set({ status: 'confirmed', confirmed_at: now, updated_at: now, left_at: null, bounce_reason: null })
    .where('id', '=', id)
    .where('status', '!=', 'confirmed')
    .execute();
  return getSubscriber(db, id);
}

/** Changes editions and sectors (from the signed preferences link). */
export async function updatePreferences(db: DB, id: number, input: ChoicesInput, now: IsoTime = nowIso()): Promise<Subscriber | null> {
  return inTransaction(db, async (trx) => {
    const exists = await trx.selectFrom('newsletter_subscribers').select('id').where('id', '=', id).executeTakeFirst();
    if (!exists) return null;
    const choices = await resolveChoices(trx, input);
    await trx
      .updateTable('newsletter_subscribers')
      .set({ sectors: JSON.stringify(choices.sectors), updated_at: now })
      .where('id', '=', id)
      .execute();
    await setEditions(trx, id, choices.editionIds);
    return getSubscriber(trx, id);
  });
}

/** A permanent SMTP refusal: the address gets nothing more until its owner subscribes again. */
export async function markBouncing(db: DB, id: number, reason: string, now: IsoTime = nowIso()): Promise<void> {
  await db
    .updateTable('newsletter_subscribers')
    .set({ status: 'bouncing', bounce_reason: reason.slice(0, 500), updated_at: now, left_at: now })
    .where('id', '=', id)
    .where('status', '=', 'confirmed')
    .execute();
}

/** Deletion on request: the row, its editions and its send log go; audited when there was one. */
export async function deleteSubscriber(db: DB, id: number, actor: Actor): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx.deleteFrom('newsletter_subscribers').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    // The log keeps that a deletion happened, not the address that was erased.
    await recordAudit(trx, actor, 'newsletter.delete', `subscriber ${id}`);
    return true;
  });
}

// ── Lists for the newsroom ───────────────────────────────────────────────────

export interface SubscriberPage {
  subscribers: Subscriber[];
  /** Pass as `beforeId` for the next page; null at the end. */
  nextBeforeId: number | null;
}

/** Newest first, keyset by id; optionally one status and words of the address. */
export async function listSubscribers(
  db: DB,
  options: { status?: SubscriberStatus; emailContains?: string; beforeId?: number; limit?: number } = {},
): Promise<SubscriberPage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  let q = db
    .selectFrom('newsletter_subscribers')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (options.status) q = q.where('status', '=', options.status);
  if (options.beforeId) q = q.where('id', '<', options.beforeId);
  const needle = options.emailContains?.trim().toLowerCase();
  if (needle) q = q.where(dialectOf(db) === 'sqlite' ? sql<boolean>`instr(email, ${needle}) > 0` : sql<boolean>`strpos(email, ${needle}) > 0`);
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  return { subscribers: await load(db, page), nextBeforeId: rows.length > limit ? page.at(-1)!.id : null };
}

export async function countSubscribersByStatus(db: DB): Promise<Record<SubscriberStatus, number>> {
  const rows = await db
    .selectFrom('newsletter_subscribers')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(subscriberStatuses.map((s) => [s, 0])) as Record<SubscriberStatus, number>;
  for (const r of rows) counts[r.status as SubscriberStatus] = Number(r.n);
  return counts;
}

export const CSV_COLUMNS = ['id', 'email', 'status', 'editions', 'sectors', 'created_at', 'confirmed_at', 'left_at', 'bounce_reason'] as const;

/** The subscriber list for someone to take away, audited before the first row is read. */
export async function exportSubscribersCsv(db: DB, actor: Actor): Promise<AsyncGenerator<string>> {
  await recordAudit(db, actor, 'newsletter.export', 'newsletter subscribers');
  return subscribersCsv(db);
}

/** Every subscriber as CSV (RFC 4180, CRLF), oldest first, read in pages so memory stays flat per page. */
export async function* subscribersCsv(db: DB, pageSize = 1000): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  let afterId = 0;
  for (;;) {
    const rows = await db.selectFrom('newsletter_subscribers').selectAll().where('id', '>', afterId).orderBy('id').limit(pageSize).execute();
    if (rows.length === 0) return;
    const subscribers = await load(db, rows);
    yield subscribers
      .map(
        (s) =>
          [String(s.id), s.email, s.status, s.editions.join(' '), s.sectors.join(' '), s.createdAt, s.confirmedAt ?? '', s.leftAt ?? '', s.bounceReason ?? '']
            .map(csvCell)
            .join(',') + '\r\n',
      )
      .join('');
    afterId = rows.at(-1)!.id;
  }
}

// ── Figures for the audience dashboard ─────────────────────────────────────

export interface SubscriberDay {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  /** Confirmed subscribers at the end of that day. */
  confirmed: number;
  /** Confirmations that day. */
  joined: number;
  /** Confirmed subscribers who unsubscribed or started bouncing that day. */
  left: number;
}

/**
 * Confirmed subscribers per UTC day for the last `days` days (today last): how many were
 * receiving at the end of each day, how many joined and how many left. A subscriber who left
 * and came back counts from the last confirmation; deleted subscribers are gone from the past too.
 */
export async function subscribersOverTime(db: DB, options: { days?: number; now?: Date } = {}): Promise<SubscriberDay[]> {
  const days = Math.min(Math.max(Math.trunc(options.days ?? 30), 1), 366);
  const now = options.now ?? new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = today - (days - 1) * 86_400_000;
  const startIso = toIso(start);
  const dayOf = (column: 'confirmed_at' | 'left_at') =>
    dialectOf(db) === 'sqlite' ? sql<string>`substr(${sql.ref(column)}, 1, 10)` : sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD')`;

  const base = await db
    .selectFrom('newsletter_subscribers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('confirmed_at', '<', startIso)
    .where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>=', startIso)]))
    .executeTakeFirstOrThrow();
  const joined = await db
    .selectFrom('newsletter_subscribers')
    .select([dayOf('confirmed_at').as('day'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('confirmed_at', '>=', startIso)
    .groupBy(dayOf('confirmed_at'))
    .execute();
  const left = await db
    .selectFrom('newsletter_subscribers')
    .select([dayOf('left_at').as('day'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('left_at', '>=', startIso)
    .where('confirmed_at', 'is not', null)
    .whereRef('left_at', '>=', 'confirmed_at')
    .groupBy(dayOf('left_at'))
    .execute();
  const joinedBy = new Map(joined.map((r) => [r.day, Number(r.n)]));
  const leftBy = new Map(left.map((r) => [r.day, Number(r.n)]));
  const series: SubscriberDay[] = [];
  let confirmed = Number(base.n);
  for (let i = 0; i < days; i++) {
    const day = toIso(start + i * 86_400_000).slice(0, 10);
    const j = joinedBy.get(day) ?? 0;
    const l = leftBy.get(day) ?? 0;
    confirmed += j - l;
    series.push({ day, confirmed, joined: j, left: l });
  }
  return series;
}
