import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { toIso, type IsoTime } from '../content/time.js';
import type { DB } from '../db/connect.js';

/*
 * What every process counting reads shares (counter.ts), so that a reader is counted once
 * whichever process their beacon reaches:
 *
 * - The salt of each UTC day, which visitors are hashed with (HMAC of address and user agent).
 *   Made by whichever process needs it first (insert … on conflict do nothing, then read), and
 *   deleted once the day before yesterday is over: a salt lives in the database for two days at
 *   most, and a new day's hashes cannot be linked to the last day's.
 * - The (visitor hash, article) pairs counted in the last 30 minutes. The repeat window is
 *   decided when buffered reads are written, by one upsert per batch that counts a pair only if
 *   it is new or its last count is older than the window; expired pairs are purged.
 */

export const DAY_MS = 86_400_000;
/** Rows per upsert: 4 parameters each, well under SQLite's and PostgreSQL's limits. */
const CHUNK = 1000;

/** "2026-11-29" for a UTC day number (days since the epoch). */
export const dayName = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The salt of UTC day `day`, made now if no process has made it yet. */
export async function saltOfDay(db: DB, day: number, now: IsoTime): Promise<Buffer> {
  await db
    .insertInto('read_salts')
    .values({ day: dayName(day), salt: randomBytes(32).toString('base64'), created_at: now })
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
  return (await existingSalt(db, day))!;
}

/** The salt of UTC day `day` if some process made one (a past day's is never made afresh). */
export async function existingSalt(db: DB, day: number): Promise<Buffer | null> {
  const row = await db.selectFrom('read_salts').select('salt').where('day', '=', dayName(day)).executeTakeFirst();
  return row ? Buffer.from(row.salt, 'base64') : null;
}

/** Deletes the salts of days before yesterday (`today` is a UTC day number). */
export async function forgetOldSalts(db: DB, today: number): Promise<number> {
  const result = await db
    .deleteFrom('read_salts')
    .where('day', '<', dayName(today - 1))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** One read to decide on: who (the day's hash), what, when (ms). */
export interface HashedRead {
  visitor: string;
  articleId: number;
  at: number;
}

/**
 * Which of these reads count: a pair counts when it was not counted in the `windowMs` before
 * the read, by this process or any other. Counted pairs are remembered until `at + windowMs`.
 * Several reads of one pair in a batch are decided in time order (in rounds, one per read).
 * Run it in the transaction that adds the counted reads to the buckets.
 */
export async function countOnce(db: DB, reads: HashedRead[], windowMs: number): Promise<boolean[]> {
  const counted = reads.map(() => false);
  const byPair = new Map<string, number[]>();
  reads.forEach((r, i) => {
    const key = `${r.visitor}:${r.articleId}`;
    const list = byPair.get(key);
    if (list) list.push(i);
    else byPair.set(key, [i]);
  });
  for (const list of byPair.values()) list.sort((x, y) => reads[x]!.at - reads[y]!.at);
  for (let round = 0; ; round++) {
    // One order for every writer, so that two processes' upserts never deadlock.
    const indexes = [...byPair.values()]
      .flatMap((list) => (list.length > round ? [list[round]!] : []))
      .sort((x, y) => (reads[x]!.visitor < reads[y]!.visitor ? -1 : reads[x]!.visitor > reads[y]!.visitor ? 1 : reads[x]!.articleId - reads[y]!.articleId));
    if (indexes.length === 0) break;
    for (let i = 0; i < indexes.length; i += CHUNK) {
      const chunk = indexes.slice(i, i + CHUNK);
      const rows = await db
        .insertInto('recent_reads')
        .values(
          chunk.map((n) => ({
            visitor: reads[n]!.visitor,
            article_id: reads[n]!.articleId,
            counted_at: toIso(reads[n]!.at),
            expires_at: toIso(reads[n]!.at + windowMs),
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['visitor', 'article_id'])
            .doUpdateSet((eb) => ({ counted_at: eb.ref('excluded.counted_at'), expires_at: eb.ref('excluded.expires_at') }))
            .where((eb) => eb('recent_reads.expires_at', '<=', eb.ref('excluded.counted_at'))),
        )
        .returning(['visitor', 'article_id'])
        .execute();
      const won = new Set(rows.map((r) => `${r.visitor}:${Number(r.article_id)}`));
      for (const n of chunk) counted[n] = won.has(`${reads[n]!.visitor}:${reads[n]!.articleId}`);
    }
  }
  return counted;
}

/** Which of these reads repeat a pair counted less than the window before them (under the
 *  previous day's hashes: the first 30 minutes of a day look back past midnight). */
export async function countedBefore(db: DB, reads: HashedRead[]): Promise<boolean[]> {
  const until = new Map<string, number>();
  const visitors = [...new Set(reads.map((r) => r.visitor))];
  for (let i = 0; i < visitors.length; i += 500) {
    const rows = await db
      .selectFrom('recent_reads')
      .select(['visitor', 'article_id', 'expires_at'])
      .where('visitor', 'in', visitors.slice(i, i + 500))
      .execute();
    for (const r of rows) until.set(`${r.visitor}:${Number(r.article_id)}`, Date.parse(r.expires_at));
  }
  return reads.map((r) => (until.get(`${r.visitor}:${r.articleId}`) ?? 0) > r.at);
}

/** Forgets the pairs whose window has passed. */
export async function purgeRecentReads(db: DB, now: IsoTime): Promise<number> {
  const result = await db.deleteFrom('recent_reads').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** How many pairs are remembered now (for tests and /healthz). */
export async function recentReadCount(db: DB): Promise<number> {
  const row = await db
    .selectFrom('recent_reads')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
