import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/**
 * Going out: the publication outbox (an event per publish, update and unpublish of a story,
 * written in the article's own transaction), webhook subscriptions and their deliveries; and
 * the indexes that list published stories by last change (the items API).
 */
export const webhooks: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('publication_events')
        .addColumn('id', 'integer', t.id)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('article_version', 'integer', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull().check(t.oneOf('event', ['publish', 'update', 'unpublish'])))
        .addColumn('occurred_at', t.time, (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('dispatched_at', t.time)
        .execute();
      await db.schema.createIndex('publication_events_pending').on('publication_events').columns(['dispatched_at', 'id']).execute();
      await db.schema.createIndex('publication_events_article').on('publication_events').columns(['article_id', 'id']).execute();

      await db.schema
        .createTable('webhook_subscriptions')
        .addColumn('id', 'integer', t.id)
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .execute();

      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'integer', t.id)
        .addColumn('subscription_id', 'integer', (c) => c.notNull().references('webhook_subscriptions.id').onDelete('cascade'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('publication_events.id').onDelete('cascade'))
        .addColumn('article_id', 'integer', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(t.oneOf('status', ['pending', 'delivered', 'failed'])))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.time)
        .addColumn('last_attempt_at', t.time)
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('delivered_at', t.time)
        .addUniqueConstraint('webhook_deliveries_once', ['subscription_id', 'event_id'])
        .execute();
      await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at', 'id']).execute();
      await db.schema.createIndex('webhook_deliveries_story').on('webhook_deliveries').columns(['subscription_id', 'article_id', 'event_id']).execute();
      await db.schema.createIndex('webhook_deliveries_event').on('webhook_deliveries').column('event_id').execute();

      // The items API lists published stories by last change, by kind and by edition.
      await db.schema.createIndex('articles_kind_updated').on('articles').columns(['kind', 'status', 'updated_at', 'id']).execute();
      await db.schema.createIndex('articles_edition_updated').on('articles').columns(['edition_id', 'status', 'updated_at', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('articles_edition_updated').execute();
      await db.schema.dropIndex('articles_kind_updated').execute();
      await db.schema.dropTable('webhook_deliveries').execute();
      await db.schema.dropTable('webhook_subscriptions').execute();
      await db.schema.dropTable('publication_events').execute();
    },
  };
};
