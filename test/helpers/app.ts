import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/db/connect.js';
import type { TestDatabase } from './databases.js';

/** The whole web app over a test database, for app.inject(). The store stays open for the
 *  test's own use; TestDatabase closes it. */
export async function testApp(testDb: TestDatabase, store: Store, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', SITE_URL: 'https://news.example.org', ...env }), database: testDb.target, dataDir: testDb.dataDir };
  return buildApp({ config, store: { ...store, close: async () => {} } });
}
