import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/**
 * Counting reads across processes (audience/read-memory.ts): the day's salt that every process
 * hashes visitors with, kept for two days at most, and the (visitor hash, article) pairs counted
 * in the last 30 minutes, so that a reader is counted once whichever process they reach.
 */
export const sharedReadCounting: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('read_salts')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('salt', 'text', (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('recent_reads')
        .addColumn('visitor', 'text', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.notNull())
        .addColumn('counted_at', t.time, (c) => c.notNull())
        .addColumn('expires_at', t.time, (c) => c.notNull())
        .addPrimaryKeyConstraint('recent_reads_pk', ['visitor', 'article_id'])
        .execute();
      await db.schema.createIndex('recent_reads_expiry').on('recent_reads').column('expires_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('recent_reads').execute();
      await db.schema.dropTable('read_salts').execute();
    },
  };
};
