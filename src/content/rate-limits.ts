import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../db/connect.js';
import { toIso } from './time.js';

/*
 * Fixed-window counters for public forms (feedback, password reset): each key counts hits in a
 * window that starts at its first hit; the first hit after the window has passed starts a new
 * one. One upsert per hit, so several processes sharing a database count together. Keys carry a
 * SHA-256 of the address or email, not the address itself.
 */

export interface RateLimit {
  /** Hits allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the fullest key's window ends (0 when allowed). */
  retryAfterSeconds: number;
}

/** A key for one purpose and one client value: `rateKey('feedback', 'ip', '203.0.113.9')`. */
export function rateKey(purpose: string, kind: string, value: string): string {
  return `${purpose}:${kind}:${createHash('sha256').update(value.trim().toLowerCase()).digest('hex').slice(0, 32)}`;
}

/** Counts one hit on each key; allowed when every key is within its limit. Hits over the limit
 *  count too, so hammering a form does not open it sooner. */
export async function hitRateLimits(db: DB, hits: { key: string; limit: RateLimit }[], now = Date.now()): Promise<RateDecision> {
  let allowed = true;
  let retryAfterMs = 0;
  for (const { key, limit } of hits) {
    const at = toIso(now);
    const windowOver = toIso(now - limit.windowMs);
    const row = await db
      .insertInto('rate_limits')
      .values({ key, window_start: at, hits: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql<number>`case when rate_limits.window_start <= ${windowOver} then 1 else rate_limits.hits + 1 end`,
          window_start: sql<string>`case when rate_limits.window_start <= ${windowOver} then ${at} else rate_limits.window_start end`,
        }),
      )
      .returning(['hits', 'window_start'])
      .executeTakeFirstOrThrow();
    if (Number(row.hits) <= limit.limit) continue;
    allowed = false;
    retryAfterMs = Math.max(retryAfterMs, Date.parse(row.window_start) + limit.windowMs - now);
  }
  if (++hitsSincePrune >= PRUNE_EVERY) {
    hitsSincePrune = 0;
    await pruneRateLimits(db, now);
  }
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

const PRUNE_EVERY = 200;
/** No limit has a window longer than this; older counters are dropped. */
const LONGEST_WINDOW_MS = 24 * 3_600_000;
let hitsSincePrune = 0;

/** Drops counters whose window ended long ago (every few hundred hits). */
export async function pruneRateLimits(db: DB, now = Date.now()): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', toIso(now - LONGEST_WINDOW_MS))
    .execute();
}

/** "in 5 minutes", "in 40 seconds": for the messages that say when to try again. */
export function inHowLong(seconds: number): string {
  if (seconds >= 90) return `in ${Math.ceil(seconds / 60)} minutes`;
  return `in ${Math.max(1, seconds)} seconds`;
}
