import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/** The newsroom: sign-in sessions, failed sign-in counters and the audit log. */
export const newsroom: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sessions')
        // SHA-256 of the cookie's secret: a stolen database does not yield live cookies.
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('last_seen_at', t.time, (c) => c.notNull())
        .addColumn('expires_at', t.time, (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

      await db.schema
        .createTable('sign_in_failures')
        // "account:<email>" or "address:<ip>".
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('first_failure_at', t.time, (c) => c.notNull())
        .addColumn('locked_until', t.time)
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', t.id)
        .addColumn('at', t.time, (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('audit_log').execute();
      await db.schema.dropTable('sign_in_failures').execute();
      await db.schema.dropTable('sessions').execute();
    },
  };
};
