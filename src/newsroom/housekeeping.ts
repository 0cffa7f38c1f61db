import type { FastifyBaseLogger } from 'fastify';
import { pruneRateLimits } from '../content/rate-limits.js';
import type { DB } from '../db/connect.js';
import { startExclusiveJob, type ExclusiveJob } from '../db/job-lock.js';
import { deleteOldResetLinks } from './password-resets.js';
import { deleteExpiredSessions } from './sessions.js';
import { forgetOldSignInAttempts } from './throttle.js';

const HOUR_MS = 3_600_000;

/** What a housekeeping run dropped. */
export interface Housekeeping {
  sessions: number;
  signInAttempts: number;
}

/**
 * One pass over the rows that only ever grow otherwise: ended sessions, sign-in counts whose
 * window and lock are over, reset links a day past their end and old rate-limit counters. Each
 * is a plain delete of rows no check reads any more, so a pass missed (the process was down)
 * loses nothing; the next one catches up.
 */
export async function keepHouse(db: DB, now = Date.now()): Promise<Housekeeping> {
  const sessions = await deleteExpiredSessions(db, now);
  const signInAttempts = await forgetOldSignInAttempts(db, now);
  await deleteOldResetLinks(db, now);
  await pruneRateLimits(db, now);
  return { sessions, signInAttempts };
}

/** keepHouse at start and every hour, in one process at a time (the job lock). */
export function startHousekeeping(db: DB, log: Pick<FastifyBaseLogger, 'info' | 'error'>, intervalMs = HOUR_MS): ExclusiveJob {
  return startExclusiveJob(
    db,
    'housekeeping',
    async () => {
      const dropped = await keepHouse(db);
      if (dropped.sessions || dropped.signInAttempts) log.info(dropped, 'housekeeping: ended sessions and old sign-in counts dropped');
    },
    intervalMs,
    (error) => log.error({ err: error }, 'housekeeping failed'),
  );
}
