import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/**
 * Readers' feedback (the footer's "Give Feedback" form and the newsroom's inbox for it),
 * newsroom password resets by emailed single-use link, and the fixed-window counters that
 * rate-limit both (and any other public form).
 */
export const feedbackAndResets: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('feedback')
        .addColumn('id', 'integer', t.id)
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        // A same-site path ("/article/12-x"), or null when the reader came from elsewhere.
        .addColumn('from_path', 'text')
        .addColumn('status', 'text', (c) =>
          c
            .notNull()
            .defaultTo('unread')
            .check(t.oneOf('status', ['unread', 'read', 'archived'])),
        )
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('read_at', t.time)
        .addColumn('archived_at', t.time)
        .execute();
      // The inbox: one status (or all), newest first, keyset by id; and the unread count.
      await db.schema.createIndex('feedback_status').on('feedback').columns(['status', 'id']).execute();

      await db.schema
        .createTable('password_resets')
        .addColumn('id', 'integer', t.id)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        // SHA-256 of the token in the emailed link: a stolen database yields no live link.
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('expires_at', t.time, (c) => c.notNull())
        .addColumn('used_at', t.time)
        // Set when a newer link was sent, or another link was used: this one no longer works.
        .addColumn('revoked_at', t.time)
        .execute();
      await db.schema.createIndex('password_resets_user').on('password_resets').columns(['user_id', 'created_at']).execute();

      await db.schema
        .createTable('rate_limits')
        // "<purpose>:<kind>:<sha-256 of the address or email>", e.g. "feedback:ip:…".
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', t.time, (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_limits_window').on('rate_limits').column('window_start').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('rate_limits').execute();
      await db.schema.dropTable('password_resets').execute();
      await db.schema.dropTable('feedback').execute();
    },
  };
};
