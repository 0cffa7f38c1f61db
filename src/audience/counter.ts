import { createHmac, randomBytes } from 'node:crypto';
import { isbot } from 'isbot';
import { inTransaction, type DB } from '../db/connect.js';
import { addViews } from './views.js';

/*
 * Counting reads. The article page's beacon (and, without JavaScript, its <noscript> pixel)
 * arrives at `record`, which does a fixed amount of work in memory and never waits for the
 * database: it decides whether the read counts, remembers the visitor for 30 minutes, and adds
 * one to an in-memory tally per article and hour. `flush` (every second, and at shutdown)
 * writes the tallies into the hourly buckets Trending reads, keeping only published articles.
 *
 * Privacy: a visitor is known only as an HMAC of (address, user agent) under a random salt
 * that is made in memory each UTC day and never written anywhere, so yesterday's hashes cannot
 * be linked to today's, nor turned back into addresses. Nothing about the visitor reaches the
 * database: only "article N, hour H, +k views". No cookie is read or set for counting.
 *
 * Several processes: each keeps its own salt and its own 30-minute memory. Behind a load
 * balancer that is not sticky, a reader whose reads land on two processes within 30 minutes
 * may be counted once per process; the buckets themselves add up correctly (see addViews).
 */

export const REPEAT_WINDOW_MS = 30 * 60_000;
export const DEFAULT_MAX_PENDING = 50_000;
/** About 100 bytes each: some 25 MB at most, 140 new (reader, article) pairs a second for 30 minutes. */
export const DEFAULT_MAX_VISITORS = 250_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Expired visitor entries removed per read: keeps the memory bounded without a long pause. */
const PRUNE_PER_READ = 4;
/** …and per write, so that even a million expiring at once never blocks the loop for long. */
const PRUNE_PER_FLUSH = 20_000;

export type ReadOutcome = 'counted' | 'duplicate' | 'bot' | 'prefetch' | 'newsroom' | 'invalid' | 'dropped';

/** What a request tells about one read. */
export interface Read {
  /** The article id as sent (digits). */
  articleId: string | number;
  /** The client's address; hashed, never kept. */
  address: string;
  userAgent: string | undefined;
  /** Request headers, for prefetch and preview markers and Sec-Fetch-Site. */
  headers: Record<string, string | string[] | undefined>;
  /** The request carries the newsroom's session cookie. */
  newsroomUser: boolean;
}

/** Counts since the counter started, for the audience dashboard and /healthz. */
export interface ViewCounterStats {
  /** Reads counted (buffered for writing). */
  accepted: number;
  /** Same visitor and article again within 30 minutes. */
  duplicates: number;
  /** Known bots and crawlers, link previewers, and requests without a user agent. */
  bots: number;
  /** Prefetches and prerenders (Sec-Purpose, Purpose, X-Moz, X-Purpose). */
  prefetches: number;
  /** Signed-in newsroom users. */
  newsroom: number;
  /** Malformed article ids, and requests sent from another site. */
  invalid: number;
  /** Counted reads of articles that were unknown or not published when written. */
  unknown: number;
  /** Reads refused because the buffer was full. */
  dropped: number;
  /** Reads written to the hourly buckets. */
  flushed: number;
  /** Reads waiting to be written (buffered or being written now). */
  pending: number;
  /** Failed writes (the reads stay pending and are tried again). */
  flushErrors: number;
  /** When the last write finished (ISO), or null. */
  lastFlushAt: string | null;
  /** When counting started (ISO). */
  since: string;
}

export interface ViewCounterOptions {
  /** The clock, in milliseconds (tests move it). */
  now?: () => number;
  /** Most reads held in memory before new ones are dropped. */
  maxPending?: number;
  /** Most (visitor, article) pairs remembered; the oldest is forgotten first. */
  maxVisitors?: number;
  repeatWindowMs?: number;
  /** How often the server writes buffered reads (routes.ts); 1000 ms by default. */
  flushIntervalMs?: number;
}

export interface ViewCounter {
  /** Decides about one read and buffers it when it counts. Synchronous and O(1). */
  record(read: Read): ReadOutcome;
  /** Writes the buffered reads; resolves with how many were written. One write at a time. */
  flush(): Promise<number>;
  stats(): ViewCounterStats;
}

/** Prefetches and previews announce themselves in one of these headers. */
export function isPrefetch(headers: Read['headers']): boolean {
  const h = (name: string) => {
    const v = headers[name];
    return (Array.isArray(v) ? v.join(',') : (v ?? '')).toLowerCase();
  };
  return /prefetch|prerender/.test(h('sec-purpose')) || h('purpose').includes('prefetch') || h('x-moz').includes('prefetch') || /prefetch|preview/.test(h('x-purpose'));
}

/** A positive whole number of at most 12 digits, or null. */
export function parseArticleId(value: string | number): number | null {
  const s = typeof value === 'number' ? String(value) : value.trim();
  if (!/^[1-9]\d{0,11}$/.test(s)) return null;
  return Number(s);
}

export function createViewCounter(db: DB, options: ViewCounterOptions = {}): ViewCounter {
  const now = options.now ?? Date.now;
  const maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
  const maxVisitors = options.maxVisitors ?? DEFAULT_MAX_VISITORS;
  const window = options.repeatWindowMs ?? REPEAT_WINDOW_MS;

  const totals = { accepted: 0, duplicates: 0, bots: 0, prefetches: 0, newsroom: 0, invalid: 0, unknown: 0, dropped: 0, flushed: 0, flushErrors: 0 };
  const since = new Date(now()).toISOString();
  let lastFlushAt: string | null = null;

  // The day's salt, and the day before's for the first 30 minutes of a new day.
  let saltDay = -1;
  let salt = Buffer.alloc(0);
  let previousSalt: Buffer | null = null;
  let rotatedAt = 0;

  /** "visitor:article" → when the pair may count again. Insertion order is time order. */
  const seen = new Map<string, number>();
  /** "article:hour" → reads not yet written. */
  let buffer = new Map<string, number>();
  let buffered = 0;
  let inFlight = 0;
  let flushing: Promise<number> | null = null;

  const visitorKey = (key: Buffer, address: string, userAgent: string, articleId: number) =>
    `${createHmac('sha256', key).update(address).update('\n').update(userAgent).digest('base64url').slice(0, 16)}:${articleId}`;

  function prune(t: number, limit: number) {
    let n = 0;
    for (const [key, until] of seen) {
      if (until > t || n++ >= limit) break;
      seen.delete(key);
    }
  }

  function record(read: Read): ReadOutcome {
    const t = now();
    const articleId = parseArticleId(read.articleId);
    const site = read.headers['sec-fetch-site'];
    if (articleId === null || site === 'cross-site') return tally('invalid');
    if (isPrefetch(read.headers)) return tally('prefetch');
    const ua = read.userAgent?.trim() ?? '';
    if (!ua || isbot(ua)) return tally('bot');
    if (read.newsroomUser) return tally('newsroom');

    const day = Math.floor(t / DAY_MS);
    if (day !== saltDay) {
      previousSalt = saltDay === -1 ? null : salt;
      salt = randomBytes(32);
      saltDay = day;
      rotatedAt = t;
    }
    prune(t, PRUNE_PER_READ);
    const key = visitorKey(salt, read.address, ua, articleId);
    const until = seen.get(key);
    if (until !== undefined && until > t) return tally('duplicate');
    if (previousSalt && t - rotatedAt < window) {
      const before = seen.get(visitorKey(previousSalt, read.address, ua, articleId));
      if (before !== undefined && before > t) return tally('duplicate');
    }
    if (buffered + inFlight >= maxPending) return tally('dropped');

    if (until !== undefined) seen.delete(key); // expired but not yet pruned: re-insert at the end
    else if (seen.size >= maxVisitors) seen.delete(seen.keys().next().value!);
    seen.set(key, t + window);
    const slot = `${articleId}:${Math.floor(t / HOUR_MS)}`;
    buffer.set(slot, (buffer.get(slot) ?? 0) + 1);
    buffered += 1;
    totals.accepted += 1;
    return 'counted';
  }

  function tally(outcome: Exclude<ReadOutcome, 'counted'>): ReadOutcome {
    const field = outcome === 'duplicate' ? 'duplicates' : outcome === 'bot' ? 'bots' : outcome === 'prefetch' ? 'prefetches' : outcome;
    totals[field] += 1;
    return outcome;
  }

  async function write(): Promise<number> {
    const batch = buffer;
    buffer = new Map();
    inFlight = buffered;
    buffered = 0;
    try {
      const entries = [...batch]
        .map(([slot, views]) => {
          const [id, hour] = slot.split(':');
          return { articleId: Number(id), hour: Number(hour), views };
        })
        // One order for every writer: two processes upserting the same buckets never deadlock.
        .sort((a, b) => a.articleId - b.articleId || a.hour - b.hour);
      const keep = await inTransaction(db, async (trx) => {
        const published = await publishedAmong(trx, [...new Set(entries.map((e) => e.articleId))]);
        const rows = entries.filter((e) => published.has(e.articleId)).map((e) => ({ articleId: e.articleId, at: new Date(e.hour * HOUR_MS), views: e.views }));
        await addViews(trx, rows);
        return rows;
      });
      const written = keep.reduce((n, e) => n + e.views, 0);
      totals.flushed += written;
      totals.unknown += inFlight - written;
      lastFlushAt = new Date(now()).toISOString();
      return written;
    } catch (error) {
      // Keep the reads for the next try; the buffer's bound still holds new ones back.
      for (const [slot, views] of batch) buffer.set(slot, (buffer.get(slot) ?? 0) + views);
      buffered += inFlight;
      totals.flushErrors += 1;
      throw error;
    } finally {
      inFlight = 0;
      prune(now(), PRUNE_PER_FLUSH);
    }
  }

  function flush(): Promise<number> {
    // A write in progress took its batch already: wait for it, then write what came since.
    if (flushing) return flushing.catch(() => 0).then(flush);
    if (buffered === 0) {
      prune(now(), PRUNE_PER_FLUSH);
      return Promise.resolve(0);
    }
    flushing = write().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  return { record, flush, stats: () => ({ ...totals, pending: buffered + inFlight, lastFlushAt, since }) };
}

/** Which of these article ids are published stories. */
async function publishedAmong(db: DB, ids: number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('articles').select('id').where('id', 'in', ids.slice(i, i + 500)).where('status', '=', 'published').execute();
    for (const r of rows) found.add(Number(r.id));
  }
  return found;
}
