import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { toIso } from '../content/time.js';
import { dialectOf, type DB } from '../db/connect.js';
import { startExclusiveJob, type ExclusiveJob } from '../db/job-lock.js';
import { HOURLY_KEPT_HOURS } from './reads.js';

/*
 * Hourly read buckets older than the 72 hours Trending reads are rolled up into one row per
 * story and UTC day (article_views_daily), so article_views stays the size of three days
 * however long the site runs, and a story's total (views.ts, totalReads) is unchanged.
 *
 * A batch is one transaction: delete up to `batchSize` old buckets, returning what they held,
 * and add it to the day rows (insert, or add to the row there). The buckets moved are exactly
 * the ones deleted, so two runs at once (which the job lock prevents anyway) cannot count a
 * bucket twice: on PostgreSQL each batch locks the buckets it takes and the other run skips
 * them (SKIP LOCKED); SQLite runs one writing transaction at a time. A run stopped half-way
 * leaves every read in one table or the other, and the next run goes on from there.
 */

/** Buckets per transaction: on SQLite a batch holds the event loop for some tens of ms. */
export const ROLLUP_BATCH = 2_000;
const HOUR_MS = 3_600_000;

export interface RollupOptions {
  /** The clock: buckets whose hour began before now − 72 h are rolled up. */
  now?: Date;
  /** Buckets per transaction. */
  batchSize?: number;
  /** Stop after this many batches (the next run goes on). */
  maxBatches?: number;
}

export interface RollupResult {
  /** Hourly buckets moved and deleted. */
  buckets: number;
  /** Reads they held. */
  views: number;
  /** Transactions. */
  batches: number;
}

/** Moves the hourly buckets older than 72 hours into their UTC days; idempotent. */
export async function rollUpViews(db: DB, options: RollupOptions = {}): Promise<RollupResult> {
  const cutoff = toIso((options.now ?? new Date()).getTime() - HOURLY_KEPT_HOURS * HOUR_MS);
  const batchSize = options.batchSize ?? ROLLUP_BATCH;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive whole number, not ${batchSize}`);
  const postgres = dialectOf(db) === 'postgres';
  const result: RollupResult = { buckets: 0, views: 0, batches: 0 };
  while (result.batches < (options.maxBatches ?? Infinity)) {
    const moved = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .deleteFrom('article_views')
        .where((eb) =>
          eb(
            eb.refTuple('article_id', 'hour'),
            'in',
            eb
              .selectFrom('article_views')
              .select(['article_id', 'hour'])
              .where('hour', '<', cutoff)
              .orderBy('hour')
              .orderBy('article_id')
              .limit(batchSize)
              // Two runs at once take different buckets (on SQLite they take turns).
              .$call((q) => (postgres ? q.forUpdate().skipLocked() : q))
              .$asTuple('article_id', 'hour'),
          ),
        )
        .returning(['article_id', 'hour', 'views'])
        .execute();
      await addToDays(trx, rows);
      return rows;
    });
    if (moved.length === 0) break;
    result.batches += 1;
    result.buckets += moved.length;
    result.views += moved.reduce((n, r) => n + Number(r.views), 0);
    if (moved.length < batchSize) break;
    // SQLite holds the event loop while a statement runs: let requests in between batches.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return result;
}

/** Adds hourly buckets to their UTC day rows. */
async function addToDays(trx: DB, rows: { article_id: number; hour: string; views: number }[]): Promise<void> {
  const days = new Map<string, { article_id: number; day: string; views: number }>();
  for (const r of rows) {
    const day = toIso(r.hour).slice(0, 10);
    const key = `${r.article_id} ${day}`;
    const row = days.get(key) ?? { article_id: r.article_id, day, views: 0 };
    row.views += Number(r.views);
    days.set(key, row);
  }
  const values = [...days.values()];
  for (let i = 0; i < values.length; i += 500) {
    await trx
      .insertInto('article_views_daily')
      .values(values.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['article_id', 'day']).doUpdateSet((eb) => ({ views: sql`${eb.ref('article_views_daily.views')} + ${eb.ref('excluded.views')}` })),
      )
      .execute();
  }
}

/** Rolls up hourly reads at start and every `intervalMs` (an hour), one process at a time (the
 *  job lock, src/db/job-lock.ts). `now` is the clock (tests). */
export function startViewsRollup(
  db: DB,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
  intervalMs = HOUR_MS,
  now: () => Date = () => new Date(),
): ExclusiveJob {
  return startExclusiveJob(
    db,
    'views-rollup',
    async () => {
      const done = await rollUpViews(db, { now: now() });
      if (done.buckets) log.info(done, `rolled up ${done.buckets} hourly read bucket(s) into days`);
    },
    intervalMs,
    (error) => log.error({ err: error }, 'rolling up hourly reads failed'),
  );
}
