import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/** Every version of every agency item received, and the story made from it. */
export const wireItems: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('wire_items')
        .addColumn('id', 'integer', t.id)
        .addColumn('agency', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('version_time', t.time, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(t.oneOf('status', ['usable', 'withheld', 'canceled'])))
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('received_at', t.time, (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
        .addUniqueConstraint('wire_items_version', ['agency', 'item_id', 'version'])
        .execute();
      await db.schema.createIndex('wire_items_received').on('wire_items').columns(['received_at', 'id']).execute();
      await db.schema.createIndex('wire_items_article').on('wire_items').column('article_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('wire_items').execute();
    },
  };
};
