import type { Config } from '../config.js';
import { ensureReferenceCountries } from '../content/taxonomy.js';
import { openStore, type OpenOptions, type Store } from '../db/connect.js';
import { refuseDamagedDatabase } from '../db/integrity.js';
import { migrateToLatest } from '../db/migrate.js';

/** Opens the configured database, applies pending migrations and loads the reference data
 *  (ISO countries) that every installation needs. What every command that touches data does first. */
export async function openDatabase(
  config: Pick<Config, 'database'> & Partial<Pick<Config, 'sqliteCacheBytes'>>,
  options: OpenOptions & { /** PRAGMA quick_check first (serve, migrate): a damaged file is refused. */ check?: boolean } = {},
): Promise<Store> {
  const store = await openStore(config.database, { cacheBytes: config.sqliteCacheBytes, ...options });
  try {
    if (options.check) await refuseDamagedDatabase(store);
    await migrateToLatest(store);
    await ensureReferenceCountries(store.db);
    return store;
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
}
