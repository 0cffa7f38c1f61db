import type { FastifyBaseLogger } from 'fastify';
import { publishDueArticles } from '../content/workflow.js';
import type { DB } from '../db/connect.js';
import { startPeriodic } from '../util/periodic.js';

/** Publishes scheduled articles when their time comes: at start (so a restart catches up) and
 *  every `intervalMs` after. Several processes may run it; publishDueArticles locks each row. */
export function startScheduler(db: DB, log: Pick<FastifyBaseLogger, 'info' | 'error'>, intervalMs = 10_000): { stop(): Promise<void> } {
  return startPeriodic(
    async () => {
      const ids = await publishDueArticles(db);
      if (ids.length) log.info({ ids }, `published ${ids.length} scheduled article(s)`);
    },
    intervalMs,
    (error) => log.error({ err: error }, 'scheduled publishing failed'),
  );
}
