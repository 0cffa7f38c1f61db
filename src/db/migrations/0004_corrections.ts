import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/** Correction notes shown under an article, each with its time. */
export const corrections: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('article_corrections')
        .addColumn('id', 'integer', t.id)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('at', t.time, (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('actor', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('article_corrections_article').on('article_corrections').columns(['article_id', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('article_corrections').execute();
    },
  };
};
