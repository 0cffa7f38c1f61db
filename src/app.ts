import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Store } from './db/connect.js';
import { healthRoutes } from './ops/health.js';
import { siteRoutes } from './site/routes.js';

export interface AppDeps {
  config: Config;
  store: Store;
}

/** The web application. Each capability is a plugin; this list is the table of contents. */
export async function buildApp({ config, store }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // Bound what a client can make us hold: bodies and slow requests.
    bodyLimit: 1024 * 1024,
    requestTimeout: 30_000,
    return503OnClosing: true,
  });

  await app.register(healthRoutes, { store });
  await app.register(siteRoutes, { config, store });

  // The database closes after the last in-flight request has been answered.
  app.addHook('onClose', async () => store.close());
  return app;
}
