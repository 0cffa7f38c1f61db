import type { FastifyBaseLogger } from 'fastify';
import { notifyLiftedEmbargoes, publishDueArticles } from './lifecycle.js';
import type { DB } from '../db/connect.js';
import { startExclusiveJob, type ExclusiveJob } from '../db/job-lock.js';

/** Publishes scheduled articles when their time comes (the lifecycle checks embargoes and holds
 *  again then), and tells the desk of embargoes that lifted: at start (so a restart catches up)
 *  and every `intervalMs` after. Every process starts it and one at a time runs it (the job
 *  lock, src/db/job-lock.ts); underneath, publishDueArticles locks each row and each embargo is
 *  told once (a unique key), so even overlapping runs publish and notify once. */
export function startScheduler(db: DB, log: Pick<FastifyBaseLogger, 'info' | 'error'>, intervalMs = 10_000): ExclusiveJob {
  return startExclusiveJob(
    db,
    'scheduler',
    async () => {
      const ids = await publishDueArticles(db);
      if (ids.length) log.info({ ids }, `published ${ids.length} scheduled article(s)`);
      await notifyLiftedEmbargoes(db);
    },
    intervalMs,
    (error) => log.error({ err: error }, 'scheduled publishing failed'),
  );
}
