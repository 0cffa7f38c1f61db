import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/**
 * The newsletter: subscribers (double opt-in) with their editions, the daily digest issues (one
 * per edition and local day) and the send log, one row per (issue, subscriber), claimed before
 * the message goes out and marked after, so a resumed run sends nobody a second copy.
 */
export const newsletter: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('newsletter_subscribers')
        .addColumn('id', 'integer', t.id)
        // Trimmed and lower-cased.
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull().check(t.oneOf('status', ['pending', 'confirmed', 'unsubscribed', 'bouncing'])))
        // JSON list of sector slugs: the digest adds a block of the day's stories in these.
        .addColumn('sectors', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        // When the last confirmation link was asked for.
        .addColumn('confirm_requested_at', t.time)
        .addColumn('confirmed_at', t.time)
        // When the address stopped receiving (unsubscribed or bouncing); null while it receives.
        .addColumn('left_at', t.time)
        .addColumn('bounce_reason', 'text')
        .execute();
      await db.schema.createIndex('newsletter_subscribers_status').on('newsletter_subscribers').columns(['status', 'id']).execute();
      await db.schema.createIndex('newsletter_subscribers_confirmed').on('newsletter_subscribers').columns(['confirmed_at']).execute();

      await db.schema
        .createTable('newsletter_subscriber_editions')
        .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('newsletter_subscribers.id').onDelete('cascade'))
        .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('newsletter_subscriber_editions_pk', ['subscriber_id', 'edition_id'])
        .execute();
      await db.schema
        .createIndex('newsletter_subscriber_editions_edition')
        .on('newsletter_subscriber_editions')
        .columns(['edition_id', 'subscriber_id'])
        .execute();

      await db.schema
        .createTable('newsletter_issues')
        .addColumn('id', 'integer', t.id)
        .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id').onDelete('cascade'))
        // The edition's local date, YYYY-MM-DD.
        .addColumn('issue_date', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        // JSON: the stories as they were when the issue was made, so a resumed run sends the same.
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(t.oneOf('status', ['sending', 'done'])))
        .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('finished_at', t.time)
        .addUniqueConstraint('newsletter_issues_once', ['edition_id', 'issue_date'])
        .execute();
      await db.schema.createIndex('newsletter_issues_status').on('newsletter_issues').columns(['status', 'id']).execute();
      await db.schema.createIndex('newsletter_issues_created').on('newsletter_issues').columns(['created_at', 'id']).execute();

      await db.schema
        .createTable('newsletter_sends')
        .addColumn('id', 'integer', t.id)
        .addColumn('issue_id', 'integer', (c) => c.notNull().references('newsletter_issues.id').onDelete('cascade'))
        .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('newsletter_subscribers.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull().check(t.oneOf('status', ['pending', 'sent', 'failed', 'skipped'])))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        // Due time while pending; a claim moves it forward by the lease.
        .addColumn('next_attempt_at', t.time)
        .addColumn('claimed_at', t.time)
        .addColumn('sent_at', t.time)
        .addColumn('last_error', 'text')
        .addUniqueConstraint('newsletter_sends_once', ['issue_id', 'subscriber_id'])
        .execute();
      await db.schema.createIndex('newsletter_sends_due').on('newsletter_sends').columns(['status', 'next_attempt_at', 'id']).execute();
      await db.schema.createIndex('newsletter_sends_subscriber').on('newsletter_sends').column('subscriber_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('newsletter_sends').execute();
      await db.schema.dropTable('newsletter_issues').execute();
      await db.schema.dropTable('newsletter_subscriber_editions').execute();
      await db.schema.dropTable('newsletter_subscribers').execute();
    },
  };
};
