import { Migrator, type MigrationResult } from 'kysely';
import type { Store } from './connect.js';
import { migrationsFor } from './migrations/index.js';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

function migrator(store: Store) {
  const migrations = migrationsFor(store.kind);
  return new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
}

/** Applies every pending migration in order; returns the names applied. Each migration runs in
 *  a transaction on PostgreSQL and SQLite alike, so a failure leaves the previous state. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const { error, results } = await migrator(store).migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    throw new MigrationError(
      `Migration ${failed?.migrationName ?? ''} failed on the ${store.description}: ${(error as Error).message ?? String(error)}`.replace('  ', ' '),
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Name of the last applied migration, or null for an empty database. */
export async function currentMigration(store: Store): Promise<string | null> {
  const applied = (await migrator(store).getMigrations()).filter((m) => m.executedAt);
  return applied.at(-1)?.name ?? null;
}
