import { createHmac, randomBytes } from 'node:crypto';
import { isbot } from 'isbot';
import { toIso } from '../content/time.js';
import { inTransaction, type DB } from '../db/connect.js';
import { countedBefore, countOnce, DAY_MS, existingSalt, forgetOldSalts, purgeRecentReads, saltOfDay } from './read-memory.js';
import { addViews } from './reads.js';
import { idFrom } from '../util/bounds.js';

/*
 * Counting reads. The article page's beacon (and, without JavaScript, its <noscript> pixel)
 * arrives at `record`, which does a fixed amount of work in memory and never waits for the
 * database: it decides whether the read may count (bots, prefetches, this process's own
 * 30-minute memory), and buffers it. `flush` (every second, and at shutdown) writes the buffer,
 * and there the database decides, for every process alike: a read counts when its (visitor,
 * article) pair was not counted in the 30 minutes before, whatever process counted it
 * (read-memory.ts: one upsert per batch); it is then added to the hourly buckets Trending
 * reads, if the article is published, in the same transaction.
 *
 * Privacy: a visitor is known only as an HMAC of (address, user agent) under the salt of the
 * UTC day, which every process shares through the database and which is deleted once the next
 * day is over (two days at most), so one day's hashes cannot be linked to another's. The
 * database holds those hashes for 30 minutes (the repeat window) and otherwise only "article N,
 * hour H, +k views". Address and user agent stay in memory, and only until the next write when
 * the day's salt was not at hand yet (the first read of a process or of a day). No cookie is
 * read or set for counting. The in-memory first filter has a salt of its own, never stored.
 */

export const REPEAT_WINDOW_MS = 30 * 60_000;
export const DEFAULT_MAX_PENDING = 50_000;
/** About 100 bytes each: some 25 MB at most, 140 new (reader, article) pairs a second for 30 minutes. */
export const DEFAULT_MAX_VISITORS = 250_000;
const HOUR_MS = 3_600_000;
/** Expired (visitor, article) pairs are purged from the database this often. */
const PURGE_EVERY_MS = 60_000;
/** Expired visitor entries removed per read: keeps the memory bounded without a long pause. */
const PRUNE_PER_READ = 4;
/** …and per write, so that even a million expiring at once never blocks the loop for long. */
const PRUNE_PER_FLUSH = 20_000;

export type ReadOutcome = 'counted' | 'duplicate' | 'bot' | 'prefetch' | 'newsroom' | 'invalid' | 'dropped';

/** What a request tells about one read. */
export interface Read {
  /** The article id as sent (digits). */
  articleId: string | number;
  /** The client's address; hashed, never stored (held in memory until written only while the
   *  day's salt is not at hand). */
  address: string;
  userAgent: string | undefined;
  /** Request headers, for prefetch and preview markers and Sec-Fetch-Site. */
  headers: Record<string, string | string[] | undefined>;
  /** The request carries the newsroom's session cookie. */
  newsroomUser: boolean;
}

/** Counts since the counter started, for the audience dashboard and /healthz. */
export interface ViewCounterStats {
  /** Reads that passed this process's checks (buffered for writing; the database has the last
   *  word on repeats). */
  accepted: number;
  /** Same visitor and article again within 30 minutes: seen here at once, or found when writing
   *  to have been counted already (by another process, or before this process's memory). */
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
  /** Reads counted and written to the hourly buckets. */
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
  /** Decides about one read and buffers it when it may count. Synchronous and O(1). */
  record(read: Read): ReadOutcome;
  /** Writes the buffered reads, counting those the database finds no repeat; resolves with how
   *  many were counted. One write at a time. Also fetches the day's salt and purges expired pairs. */
  flush(): Promise<number>;
  /** Fetches the day's salt ahead of the first read (else that read is hashed when written). */
  ready(): Promise<void>;
  stats(): ViewCounterStats;
}

/** A read waiting to be written. */
interface PendingRead {
  articleId: number;
  at: number;
  /** HMAC under the read's day's shared salt, when that salt was at hand; else made when written. */
  visitor: string | null;
  /** HMAC under the day before's salt, for a read in a day's first 30 minutes (that looks back). */
  previous: string | null;
  /** "address\nuser agent", in memory only, when no salt was at hand yet. */
  identity: string | null;
  /** Its key in this process's own memory, forgotten again if the database finds a repeat. */
  localKey: string;
}

const hashOf = (salt: Buffer, identity: string) => createHmac('sha256', salt).update(identity).digest('base64url').slice(0, 22);

/** Prefetches and previews announce themselves in one of these headers. */
export function isPrefetch(headers: Read['headers']): boolean {
  const h = (name: string) => {
    const v = headers[name];
    return (Array.isArray(v) ? v.join(',') : (v ?? '')).toLowerCase();
  };
  return (
    /prefetch|prerender/.test(h('sec-purpose')) ||
    h('purpose').includes('prefetch') ||
    h('x-moz').includes('prefetch') ||
    /prefetch|preview/.test(h('x-purpose'))
  );
}

/** A row id (src/util/bounds.ts), or null: one out of range is counted as invalid, never sent to
 *  the database (on PostgreSQL it would fail the whole batch's write, and every one after it). */
export function parseArticleId(value: string | number): number | null {
  return idFrom(typeof value === 'number' ? value : value.trim());
}

export function createViewCounter(db: DB, options: ViewCounterOptions = {}): ViewCounter {
  const now = options.now ?? Date.now;
  const maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
  const maxVisitors = options.maxVisitors ?? DEFAULT_MAX_VISITORS;
  const window = options.repeatWindowMs ?? REPEAT_WINDOW_MS;

  const totals = { accepted: 0, duplicates: 0, bots: 0, prefetches: 0, newsroom: 0, invalid: 0, unknown: 0, dropped: 0, flushed: 0, flushErrors: 0 };
  const since = new Date(now()).toISOString();
  let lastFlushAt: string | null = null;

  // The first filter's own salt (never stored, never shared) of the day, and the day before's
  // for the first 30 minutes of a new day.
  let saltDay = -1;
  let salt = Buffer.alloc(0);
  let previousSalt: Buffer | null = null;
  let rotatedAt = 0;

  /** "visitor:article" → when the pair may count again. Insertion order is time order. */
  const seen = new Map<string, number>();
  /** Reads not yet written. */
  let buffer: PendingRead[] = [];
  let buffered = 0;
  /** Shared salts by UTC day number (null: that past day has none). Today's and yesterday's. */
  const salts = new Map<number, Buffer | null>();
  let lastPurge = -Infinity;
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

    if (until !== undefined)
      seen.delete(key); // expired but not yet pruned: re-insert at the end
    else if (seen.size >= maxVisitors) seen.delete(seen.keys().next().value!);
    seen.set(key, t + window);
    buffer.push(pendingRead(articleId, t, `${read.address}\n${ua}`, key));
    buffered += 1;
    totals.accepted += 1;
    return 'counted';
  }

  function pendingRead(articleId: number, at: number, identity: string, localKey: string): PendingRead {
    const day = Math.floor(at / DAY_MS);
    const salt = salts.get(day);
    const before = at - day * DAY_MS < window ? salts.get(day - 1) : null;
    if (!salt || before === undefined) return { articleId, at, visitor: null, previous: null, identity, localKey };
    return { articleId, at, visitor: hashOf(salt, identity), previous: before ? hashOf(before, identity) : null, identity: null, localKey };
  }

  /** The database found a read a repeat (of another process's, say): this process's memory
   *  must not hold the reader back for 30 minutes from it, only from the read that counted. */
  function forget(r: PendingRead) {
    if (seen.get(r.localKey) === r.at + window) seen.delete(r.localKey);
  }

  /** The shared salt of `day`: made if `make` (the day of a read), else only if it exists. */
  async function saltOf(day: number, make: boolean): Promise<Buffer | null> {
    const known = salts.get(day);
    if (known || (known === null && !make)) return known;
    const salt = make ? await saltOfDay(db, day, toIso(now())) : await existingSalt(db, day);
    salts.set(day, salt);
    return salt;
  }

  /** Today's salt (and whether yesterday had one, in today's first 30 minutes) at hand for
   *  `record`; a new day's first call forgets the salts of the days before yesterday. */
  async function upkeep(t: number): Promise<void> {
    const today = Math.floor(t / DAY_MS);
    if (!salts.has(today)) {
      await saltOf(today, true);
      for (const day of salts.keys()) if (day < today - 1) salts.delete(day);
      await forgetOldSalts(db, today);
    }
    if (t - today * DAY_MS < window) await saltOf(today - 1, false);
    if (t - lastPurge >= PURGE_EVERY_MS) {
      lastPurge = t;
      await purgeRecentReads(db, toIso(t));
    }
  }

  /** Hashes the reads taken while no salt was at hand. */
  async function hashAll(batch: PendingRead[]): Promise<void> {
    for (const r of batch) {
      if (!r.identity) continue;
      const day = Math.floor(r.at / DAY_MS);
      const salt = (await saltOf(day, true))!;
      const before = r.at - day * DAY_MS < window ? await saltOf(day - 1, false) : null;
      r.visitor = hashOf(salt, r.identity);
      r.previous = before ? hashOf(before, r.identity) : null;
      r.identity = null;
    }
  }

  function tally(outcome: Exclude<ReadOutcome, 'counted'>): ReadOutcome {
    const field = outcome === 'duplicate' ? 'duplicates' : outcome === 'bot' ? 'bots' : outcome === 'prefetch' ? 'prefetches' : outcome;
    totals[field] += 1;
    return outcome;
  }

  async function write(): Promise<number> {
    const batch = buffer;
    buffer = [];
    inFlight = buffered;
    buffered = 0;
    try {
      await upkeep(now());
      await hashAll(batch);
      if (batch.length === 0) return 0;
      const { counted, known } = await inTransaction(db, async (trx) => {
        const published = await publishedAmong(trx, [...new Set(batch.map((r) => r.articleId))]);
        const candidates = batch.filter((r) => published.has(r.articleId));
        // In a day's first 30 minutes, a read counted before midnight (under yesterday's hash) is a repeat.
        const lookBack = candidates.filter((r) => r.previous);
        const before = lookBack.length
          ? await countedBefore(
              trx,
              lookBack.map((r) => ({ visitor: r.previous!, articleId: r.articleId, at: r.at })),
            )
          : [];
        const repeats = new Set(lookBack.filter((_, i) => before[i]));
        const fresh = candidates.filter((r) => !repeats.has(r));
        const decided = await countOnce(
          trx,
          fresh.map((r) => ({ visitor: r.visitor!, articleId: r.articleId, at: r.at })),
          window,
        );
        for (const r of repeats) forget(r);
        const slots = new Map<string, { articleId: number; hour: number; views: number }>();
        fresh.forEach((r, i) => {
          if (!decided[i]) return forget(r);
          const hour = Math.floor(r.at / HOUR_MS);
          const slot = slots.get(`${r.articleId}:${hour}`) ?? { articleId: r.articleId, hour, views: 0 };
          slot.views += 1;
          slots.set(`${r.articleId}:${hour}`, slot);
        });
        // One order for every writer: two processes upserting the same buckets never deadlock.
        const rows = [...slots.values()].sort((a, b) => a.articleId - b.articleId || a.hour - b.hour);
        await addViews(
          trx,
          rows.map((e) => ({ articleId: e.articleId, at: new Date(e.hour * HOUR_MS), views: e.views })),
        );
        return { counted: rows.reduce((n, e) => n + e.views, 0), known: candidates.length };
      });
      totals.flushed += counted;
      totals.duplicates += known - counted;
      totals.unknown += batch.length - known;
      lastFlushAt = new Date(now()).toISOString();
      return counted;
    } catch (error) {
      // Keep the reads for the next try; the buffer's bound still holds new ones back.
      buffer = batch.concat(buffer);
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
    flushing = write().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  return { record, flush, ready: () => upkeep(now()), stats: () => ({ ...totals, pending: buffered + inFlight, lastFlushAt, since }) };
}

/** Which of these article ids are published stories. */
async function publishedAmong(db: DB, ids: number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('articles')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'published')
      .execute();
    for (const r of rows) found.add(Number(r.id));
  }
  return found;
}
