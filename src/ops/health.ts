import type { FastifyPluginAsync } from 'fastify';
import { countArticles } from '../content/articles.js';
import type { Store } from '../db/connect.js';
import { currentMigration } from '../db/migrate.js';
import { answerUnavailable } from '../db/unavailable.js';

/** GET /healthz: for load balancers and operators. 503 when the database does not answer, or
 *  when a query found the SQLite file damaged (it then stays 503: the file needs mending). */
export const healthRoutes: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.get('/healthz', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const damage = store.damage();
    if (damage) {
      request.log.error({ damage }, 'the database file is damaged');
      reply.code(503);
      return { status: 'damaged', database: store.kind, action: 'run `wiredesk doctor`, then restore a backup' };
    }
    try {
      const [migration, articles] = await Promise.all([currentMigration(store), countArticles(store.db)]);
      // Reads counted by this process since it started (accepted, duplicates, bots, dropped, flushed …).
      const views = app.hasDecorator('viewCounter') ? app.viewCounter.stats() : undefined;
      // The rendered-page cache of this process: entries, bytes, hits, misses, invalidations.
      const pageCache = {
        ...(app.pageCache?.stats() ?? { enabled: false }),
        listening: app.changeListener.listening,
        reconnects: app.changeListener.reconnects,
      };
      // Purges sent to the CDN in front, when there is one.
      const cdn = app.cdnPurger ? { name: app.cdnPurger.name, ...app.cdnPurger.stats() } : undefined;
      // Which process answered: with `serve --workers N` each has its own counts and cache.
      // Where this process's memory is, in MB: the soak (npm run soak) follows it minute by minute.
      const m = process.memoryUsage();
      const memory = Object.fromEntries((['rss', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers'] as const).map((k) => [k, Math.round(m[k] / 1e5) / 10]));
      return { status: 'ok', database: store.kind, migration, articles, pid: process.pid, memory, views, pageCache, cdn };
    } catch (error) {
      // The cause goes to the log, not to whoever asked (no database text leaves the server).
      request.log.error({ err: error }, 'health check: the database did not answer');
      answerUnavailable(error, reply);
      reply.code(503);
      return { status: 'unavailable', database: store.kind, requestId: request.id };
    }
  });
};
