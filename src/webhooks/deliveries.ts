import type { Article } from '../content/articles.js';
import { summariesByIds } from '../content/articles.js';
import { dispatchPublicationEvents, type PublicationEventType } from '../content/publication-events.js';
import { nowIso, type IsoTime } from '../content/time.js';
import { dialectOf, inTransaction, type DB } from '../db/connect.js';

/*
 * Deliveries: one row per (subscription, publication event), holding the exact body that is
 * sent on every attempt. Fan-out happens in the transaction that marks the events dispatched,
 * so each event reaches each subscription once as a delivery (at-least-once as a request).
 * A delivery waits while an earlier one for the same story and subscription is still pending,
 * so a receiver sees a story's events in order.
 */

/** Attempts before a delivery is given up (marked failed). */
export const MAX_ATTEMPTS = 8;
/** The wait after the first failed attempt; it doubles after each further one (30 s … 32 min). */
export const FIRST_RETRY_MS = 30_000;
/** How long a claimed delivery is kept from other workers while its request runs. */
export const LEASE_MS = 60_000;

export const retryDelayMs = (attemptsMade: number) => FIRST_RETRY_MS * 2 ** Math.max(0, attemptsMade - 1);

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** The JSON every delivery carries. */
export interface WebhookPayload {
  event: PublicationEventType;
  occurredAt: IsoTime;
  item: unknown;
}

/**
 * Fans the publication events not yet dispatched out to the active subscriptions that want them,
 * the body made by `present` from the story as it was at the event. Returns how many events
 * were dispatched (with or without subscribers).
 */
export async function fanOutEvents(db: DB, present: (article: Article) => unknown, now: IsoTime = nowIso()): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await dispatchPublicationEvents(
      db,
      async (trx, events) => {
        const subscriptions = (await trx.selectFrom('webhook_subscriptions').select(['id', 'events']).where('active', '=', 1).execute()).map((s) => ({
          id: s.id,
          events: JSON.parse(s.events) as PublicationEventType[],
        }));
        if (subscriptions.length === 0) return;
        for (const event of events) {
          const wanted = subscriptions.filter((s) => s.events.includes(event.event));
          if (wanted.length === 0) continue;
          const payload: WebhookPayload = { event: event.event, occurredAt: event.occurredAt, item: present(event.snapshot) };
          const body = JSON.stringify(payload);
          await trx
            .insertInto('webhook_deliveries')
            .values(
              wanted.map((s) => ({
                subscription_id: s.id,
                event_id: event.id,
                article_id: event.articleId,
                event: event.event,
                body,
                status: 'pending',
                attempts: 0,
                next_attempt_at: now,
                created_at: now,
              })),
            )
            .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
            .execute();
        }
      },
      { now },
    );
    total += n;
    if (n === 0) return total;
  }
}

/** A delivery taken by a worker, with what it needs to send it. */
export interface ClaimedDelivery {
  id: number;
  subscriptionId: number;
  url: string;
  secret: string;
  eventId: number;
  articleId: number;
  event: string;
  body: string;
  attempts: number;
}

/**
 * Takes up to `limit` deliveries that are due, to active subscriptions, with no earlier pending
 * delivery of the same story to the same subscription, and leases them for LEASE_MS (a worker
 * that dies mid-request leaves them to be tried again). PostgreSQL workers skip each other's rows.
 */
export async function claimDueDeliveries(db: DB, options: { now?: IsoTime; limit?: number } = {}): Promise<ClaimedDelivery[]> {
  const now = options.now ?? nowIso();
  return inTransaction(db, async (trx) => {
    let q = trx
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
      .select(['d.id', 'd.subscription_id', 'd.event_id', 'd.article_id', 'd.event', 'd.body', 'd.attempts', 's.url', 's.secret'])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .where('s.active', '=', 1)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('webhook_deliveries as earlier')
              .select('earlier.id')
              .whereRef('earlier.subscription_id', '=', 'd.subscription_id')
              .whereRef('earlier.article_id', '=', 'd.article_id')
              .whereRef('earlier.event_id', '<', 'd.event_id')
              .where('earlier.status', '=', 'pending'),
          ),
        ),
      )
      .orderBy('d.next_attempt_at')
      .orderBy('d.id')
      .limit(options.limit ?? 20);
    if (dialectOf(trx) === 'postgres') q = q.forUpdate('d').skipLocked();
    const rows = await q.execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: new Date(Date.parse(now) + LEASE_MS).toISOString() })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => ({
      id: r.id,
      subscriptionId: r.subscription_id,
      url: r.url,
      secret: r.secret,
      eventId: r.event_id,
      articleId: r.article_id,
      event: r.event,
      body: r.body,
      attempts: r.attempts,
    }));
  });
}

export type AttemptOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** Records one attempt: delivered; or failed, to be tried again after a doubling wait, or given
 *  up after MAX_ATTEMPTS. */
export async function recordAttempt(
  db: DB,
  delivery: Pick<ClaimedDelivery, 'id' | 'attempts'>,
  outcome: AttemptOutcome,
  now: IsoTime = nowIso(),
): Promise<DeliveryStatus> {
  const attempts = delivery.attempts + 1;
  if (outcome.ok) {
    await db
      .updateTable('webhook_deliveries')
      .set({ status: 'delivered', attempts, last_attempt_at: now, last_status: outcome.status, last_error: null, next_attempt_at: null, delivered_at: now })
      .where('id', '=', delivery.id)
      .execute();
    return 'delivered';
  }
  const giveUp = attempts >= MAX_ATTEMPTS;
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: giveUp ? 'failed' : 'pending',
      attempts,
      last_attempt_at: now,
      last_status: outcome.status,
      last_error: outcome.error.slice(0, 1000),
      next_attempt_at: giveUp ? null : new Date(Date.parse(now) + retryDelayMs(attempts)).toISOString(),
    })
    .where('id', '=', delivery.id)
    .execute();
  return giveUp ? 'failed' : 'pending';
}

/** A delivery as the newsroom shows it. */
export interface DeliveryView {
  id: number;
  subscriptionId: number;
  url: string;
  event: string;
  articleId: number;
  headline: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: IsoTime | null;
  lastAttemptAt: IsoTime | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: IsoTime;
  deliveredAt: IsoTime | null;
}

/** The newest deliveries, newest first (of one subscription, or of all). */
export async function listDeliveries(db: DB, options: { limit?: number; subscriptionId?: number } = {}): Promise<DeliveryView[]> {
  let q = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select([
      'd.id',
      'd.subscription_id',
      'd.event',
      'd.article_id',
      'd.status',
      'd.attempts',
      'd.next_attempt_at',
      'd.last_attempt_at',
      'd.last_status',
      'd.last_error',
      'd.created_at',
      'd.delivered_at',
      's.url',
    ]);
  if (options.subscriptionId !== undefined) q = q.where('d.subscription_id', '=', options.subscriptionId);
  const rows = await q
    .orderBy('d.id', 'desc')
    .limit(options.limit ?? 50)
    .execute();
  const stories = await summariesByIds(
    db,
    rows.map((r) => r.article_id),
  );
  return rows.map((r) => ({
    id: r.id,
    subscriptionId: r.subscription_id,
    url: r.url,
    event: r.event,
    articleId: r.article_id,
    headline: stories.get(r.article_id)?.headline ?? null,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  }));
}
