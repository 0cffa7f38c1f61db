import type { FastifyBaseLogger } from 'fastify';
import { publishDueArticles } from '../content/workflow.js';
import type { DB } from '../db/connect.js';

/** Publishes scheduled articles when their time comes: at start (so a restart catches up) and
 *  every `intervalMs` after. Several processes may run it; publishDueArticles locks each row. */
export function startScheduler(db: DB, log: Pick<FastifyBaseLogger, 'info' | 'error'>, intervalMs = 10_000): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = publishDueArticles(db)
      .then((ids) => {
        if (ids.length) log.info({ ids }, `published ${ids.length} scheduled article(s)`);
      })
      .catch((error: unknown) => log.error({ err: error }, 'scheduled publishing failed'))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
