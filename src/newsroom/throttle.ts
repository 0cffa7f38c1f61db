import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/connect.js';
import { toIso } from '../content/time.js';

/*
 * Sign-in attempts are counted per account and per address, before the password is checked:
 * one upsert per key takes the attempt's number atomically, so parallel attempts cannot all
 * pass a check made before any of them was counted. The first FREE_FAILURES attempts within the
 * window are checked; the next one is checked too but locks the key first, for a doubling time
 * (30 s, 1 min, 2 min … up to 15 min); while a key is locked nothing is checked or counted. A
 * successful sign-in clears the account's count and gives the address back its attempt.
 */

const WINDOW_MS = 15 * 60_000;
const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

/** How long the attempt numbered `attempt` locks its key (0: not at all). */
const lockMsFor = (attempt: number) => {
  const over = attempt - FREE_FAILURES;
  return over > 0 ? Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (over - 1)) : 0;
};
/** The attempt number from which every lock is the longest. */
const LAST_STEP = FREE_FAILURES + 1 + Math.ceil(Math.log2(MAX_LOCK_MS / FIRST_LOCK_MS));

/** Seconds until the first of these keys may try again; 0 when all may. */
export async function lockedFor(db: DB, keys: string[], now = Date.now()): Promise<number> {
  const rows = await db.selectFrom('sign_in_failures').select(['locked_until']).where('key', 'in', keys).execute();
  const until = Math.max(0, ...rows.map((r) => (r.locked_until ? Date.parse(r.locked_until) : 0)));
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

/**
 * Counts one sign-in attempt on each key, atomically, before the password is checked. Admitted
 * (the password may be checked) when no key was locked; otherwise the seconds to wait. An
 * attempt refused by one key may still have been counted on the keys before it.
 */
export async function admitAttempt(db: DB, keys: string[], now = Date.now()): Promise<{ admitted: true } | { admitted: false; waitSeconds: number }> {
  let admitted = true;
  for (const key of keys) {
    const at = toIso(now);
    const windowOver = toIso(now - WINDOW_MS);
    const attempt = sql<number>`(case when sign_in_failures.first_failure_at < ${windowOver} then 0 else sign_in_failures.failures end + 1)`;
    // The lock this attempt sets, by its number: a CASE over the few steps of the doubling.
    const steps: RawBuilder<unknown>[] = [];
    for (let n = FREE_FAILURES + 1; n < LAST_STEP; n++) steps.push(sql`when ${attempt} = ${n} then ${toIso(now + lockMsFor(n))}`);
    const row = await db
      .insertInto('sign_in_failures')
      .values({ key, failures: 1, first_failure_at: at, locked_until: lockMsFor(1) ? toIso(now + lockMsFor(1)) : null })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({
            failures: attempt,
            first_failure_at: sql<string>`case when sign_in_failures.first_failure_at < ${windowOver} then ${at} else sign_in_failures.first_failure_at end`,
            locked_until: sql<
              string | null
            >`case when ${attempt} <= ${FREE_FAILURES} then sign_in_failures.locked_until ${sql.join(steps, sql` `)} else ${toIso(now + MAX_LOCK_MS)} end`,
          })
          // A locked key is neither checked nor counted.
          .where((eb) => eb.or([eb('sign_in_failures.locked_until', 'is', null), eb('sign_in_failures.locked_until', '<=', at)])),
      )
      .returning(['failures'])
      .executeTakeFirst();
    if (!row) admitted = false;
  }
  if (admitted) return { admitted };
  return { admitted: false, waitSeconds: Math.max(1, await lockedFor(db, keys, now)) };
}

/** After a successful sign-in: the account starts afresh. */
export async function clearFailures(db: DB, key: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}

/** After a successful sign-in: the address gets its attempt back (and loses a lock that attempt
 *  set), so colleagues signing in from one office do not lock each other out. */
export async function refundAttempt(db: DB, key: string): Promise<void> {
  await db
    .updateTable('sign_in_failures')
    .set({
      failures: sql<number>`failures - 1`,
      locked_until: sql<string | null>`case when failures - 1 <= ${FREE_FAILURES} then null else locked_until end`,
    })
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}

/** Drops the counts whose window is over and whose lock (if any) has ended: they would decide
 *  nothing any more (an attempt after the window starts afresh), so the table holds only the
 *  last WINDOW_MS of attempts however many addresses try (src/newsroom/housekeeping.ts). */
export async function forgetOldSignInAttempts(db: DB, now = Date.now()): Promise<number> {
  const at = toIso(now);
  const result = await db
    .deleteFrom('sign_in_failures')
    .where('first_failure_at', '<', toIso(now - WINDOW_MS))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
