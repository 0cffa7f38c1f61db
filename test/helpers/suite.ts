import type { FastifyInstance } from 'fastify';
import type { DB, Store } from '../../src/db/connect.js';
import { testApp } from './app.js';
import type { TestDatabase } from './databases.js';
import { smallTaxonomy } from './fixtures.js';

/** What most suites start from: the open store, the small taxonomy and the web app. */
export interface Suite {
  store: Store;
  db: DB;
  app: FastifyInstance;
}

export interface SuiteOptions {
  /** File the two editions and three sectors of `smallTaxonomy` (default true). */
  taxonomy?: boolean;
  /** Build the web app over the store (default false); it is closed with the test database. */
  app?: boolean;
  /** Settings for the app, over the test defaults (SITE_URL https://news.example.org). */
  env?: Record<string, string>;
}

/**
 * The one fixture for a suite's `before`: `({ store, app } = await openSuite(testDb, { app: true }))`.
 * Everything it opens is closed when the suite's test database is destroyed.
 */
export async function openSuite(testDb: TestDatabase, options: SuiteOptions = {}): Promise<Suite> {
  const store = await testDb.open();
  if (options.taxonomy ?? true) await smallTaxonomy(store.db);
  let app: FastifyInstance | undefined;
  if (options.app) {
    const built = await testApp(testDb, store, options.env);
    testDb.closeWith(() => built.close());
    app = built;
  }
  return {
    store,
    db: store.db,
    get app(): FastifyInstance {
      if (!app) throw new Error('openSuite: this suite was opened without { app: true }');
      return app;
    },
  };
}
