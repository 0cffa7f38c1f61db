import type { DB } from '../db/connect.js';
import { toIso } from '../content/time.js';

/*
 * Failed sign-ins are counted per account and per address. After FREE_FAILURES within the
 * window, each further failure locks the key for a doubling time (30 s, 1 min, 2 min … up to
 * 15 min); a successful sign-in clears the account's count.
 */

const WINDOW_MS = 15 * 60_000;
const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

/** Seconds until the first of these keys may try again; 0 when all may. */
export async function lockedFor(db: DB, keys: string[], now = Date.now()): Promise<number> {
  const rows = await db.selectFrom('sign_in_failures').select(['locked_until']).where('key', 'in', keys).execute();
  const until = Math.max(0, ...rows.map((r) => (r.locked_until ? Date.parse(r.locked_until) : 0)));
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

export async function recordFailure(db: DB, keys: string[], now = Date.now()): Promise<void> {
  for (const key of keys) {
    const row = await db.selectFrom('sign_in_failures').selectAll().where('key', '=', key).executeTakeFirst();
    const fresh = !row || now - Date.parse(row.first_failure_at) > WINDOW_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const over = failures - FREE_FAILURES;
    const lockedUntil = over > 0 ? toIso(now + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (over - 1))) : null;
    const values = { failures, first_failure_at: fresh ? toIso(now) : row.first_failure_at, locked_until: lockedUntil };
    await db
      .insertInto('sign_in_failures')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  }
}

export async function clearFailures(db: DB, key: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}
