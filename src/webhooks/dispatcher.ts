import type { FastifyBaseLogger } from 'fastify';
import { prunePublicationEvents } from '../content/publication-events.js';
import { nowIso, type IsoTime } from '../content/time.js';
import type { DB } from '../db/connect.js';
import { startExclusiveJob, type ExclusiveJob } from '../db/job-lock.js';
import type { OutboundPolicy } from '../net/address-policy.js';
import { describeFailure, describeStatus, outboundFetch } from '../net/outbound.js';
import { directoryLoader, type DirectoryLoader } from '../content/directory.js';
import { ninjsOf } from '../presentation/ninjs.js';
import { pingHub, websubTopics } from '../syndication/websub.js';
import { claimDueDeliveries, fanOutEvents, recordAttempt, type AttemptOutcome, type ClaimedDelivery } from './deliveries.js';
import { signWebhook } from './signing.js';

/** How long a receiver has to answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Requests in flight at once. */
const CONCURRENCY = 8;
/** Batches of due deliveries per run, so that one run stays short. */
const BATCHES_PER_RUN = 5;
/** Dispatched events (and their deliveries) are kept this long for the newsroom's screen. */
const KEEP_MS = 30 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

/** The same for every attempt of a message, so the receiver can drop repeats. */
export const webhookIdOf = (eventId: number) => `msg_wiredesk_${eventId}`;

export interface RunOptions {
  now?: IsoTime;
  timeoutMs?: number;
  /** Aborts requests in flight (the server is stopping); their deliveries are tried again later. */
  signal?: AbortSignal;
  /** Reuse a directory loader (the periodic worker keeps one). */
  directory?: DirectoryLoader;
  /** A WebSub hub to tell when events went out (WEBSUB_HUB), or none. */
  websubHub?: string | null;
  /** Receivers that may be reached besides public addresses (OUTBOUND_ALLOW); none when not given. */
  outbound?: OutboundPolicy;
}

export interface RunSummary {
  events: number;
  attempted: number;
  delivered: number;
  /** Feeds the hub was told of this round (empty without a hub or without events). */
  hubPinged: { topic: string; ok: boolean; status: number | null }[];
}

/** A receiver's answer as the newsroom sees it: the status and its standard phrase, never the
 *  receiver's own words (its body, its reason phrase, where it redirects to). */
export function answerOf(status: number): string {
  return `${describeStatus(status)}${status >= 300 && status < 400 ? '; redirects are not followed' : ''}`;
}

/** POSTs one delivery, signed (Standard Webhooks headers), through the outbound client (the
 *  receiver's address checked as the connection is made), and says how it went. */
export async function sendDelivery(
  delivery: ClaimedDelivery,
  options: { timeoutMs?: number; signal?: AbortSignal; nowSeconds?: number; outbound?: OutboundPolicy } = {},
): Promise<AttemptOutcome> {
  const id = webhookIdOf(delivery.eventId);
  const timestamp = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  try {
    const res = await outboundFetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Wiredesk-Webhooks/1',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(delivery.secret, id, timestamp, delivery.body),
      },
      body: delivery.body,
      redirect: 'manual',
      timeoutMs,
      // The answer's body is never read (only its status counts), so no size makes a delivery fail.
      maxBytes: Number.POSITIVE_INFINITY,
      policy: options.outbound,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    // What the receiver wrote is not read: only its status counts.
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: answerOf(res.status) };
  } catch (error) {
    return { ok: false, status: null, error: describeFailure(error, timeoutMs) };
  }
}

/** One round: fan out new publication events, then send the deliveries that are due. */
export async function runWebhooksOnce(db: DB, siteUrl: string, options: RunOptions = {}): Promise<RunSummary> {
  const clock = () => options.now ?? nowIso();
  const directory = options.directory ?? directoryLoader(db);
  try {
    const dir = await directory.get();
    const events = await fanOutEvents(db, (article) => ninjsOf(article, dir, siteUrl), clock());
    const summary: RunSummary = { events, attempted: 0, delivered: 0, hubPinged: [] };
    // The same events change the feeds: a WebSub hub hears of it in this round.
    if (options.websubHub && events > 0) summary.hubPinged = await pingHub(options.websubHub, websubTopics(siteUrl), { timeoutMs: options.timeoutMs });
    for (let batch = 0; batch < BATCHES_PER_RUN; batch++) {
      const due = await claimDueDeliveries(db, { now: clock(), limit: CONCURRENCY * 2 });
      if (due.length === 0) break;
      for (let i = 0; i < due.length; i += CONCURRENCY) {
        await Promise.all(
          due.slice(i, i + CONCURRENCY).map(async (delivery) => {
            const outcome = await sendDelivery(delivery, { timeoutMs: options.timeoutMs, signal: options.signal, outbound: options.outbound });
            // Stopping: leave it leased; it is tried again once the lease runs out.
            if (options.signal?.aborted) return;
            summary.attempted += 1;
            if ((await recordAttempt(db, delivery, outcome, clock())) === 'delivered') summary.delivered += 1;
          }),
        );
      }
      if (options.signal?.aborted) break;
    }
    return summary;
  } finally {
    if (!options.directory) directory.dispose();
  }
}

/**
 * Runs the webhook dispatcher at start and every `intervalMs` (in `wiredesk serve`), one process
 * at a time (the job lock, src/db/job-lock.ts): each event is fanned out once (also under its
 * own lock, publication-events.ts), each due delivery is sent by one process (also leased, and
 * skipped when locked, deliveries.ts), and the hub is told once.
 */
export function startWebhookDispatcher(
  db: DB,
  siteUrl: string,
  directory: DirectoryLoader,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
  intervalMs = 5_000,
  websubHub: string | null = null,
  outbound?: OutboundPolicy,
): ExclusiveJob {
  const stopping = new AbortController();
  let lastPrune = 0;
  const worker = startExclusiveJob(
    db,
    'webhooks',
    async () => {
      const summary = await runWebhooksOnce(db, siteUrl, { directory, signal: stopping.signal, websubHub, outbound });
      if (summary.attempted) log.info({ ...summary, hubPinged: undefined }, 'webhook deliveries attempted');
      const failed = summary.hubPinged.filter((p) => !p.ok);
      if (failed.length) log.error({ hub: websubHub, failed }, 'the WebSub hub was not told of every feed');
      if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = Date.now();
        await prunePublicationEvents(db, new Date(Date.now() - KEEP_MS).toISOString());
      }
    },
    intervalMs,
    (error) => log.error({ err: error }, 'webhook dispatcher failed'),
  );
  return {
    tick: () => worker.tick(),
    async stop() {
      stopping.abort();
      await worker.stop();
    },
  };
}
