import type { FastifyBaseLogger } from 'fastify';
import { notifyLiftedEmbargoes, publishDueArticles } from '../content/lifecycle.js';
import type { DB } from '../db/connect.js';
import { startPeriodic } from '../util/periodic.js';

/** Publishes scheduled articles when their time comes (the lifecycle checks embargoes and holds
 *  again then), and tells the desk of embargoes that lifted: at start (so a restart catches up)
 *  and every `intervalMs` after. Several processes may run it; publishDueArticles locks each row
 *  and each embargo is told once. */
export function startScheduler(db: DB, log: Pick<FastifyBaseLogger, 'info' | 'error'>, intervalMs = 10_000): { stop(): Promise<void> } {
  return startPeriodic(
    async () => {
      const ids = await publishDueArticles(db);
      if (ids.length) log.info({ ids }, `published ${ids.length} scheduled article(s)`);
      await notifyLiftedEmbargoes(db);
    },
    intervalMs,
    (error) => log.error({ err: error }, 'scheduled publishing failed'),
  );
}
