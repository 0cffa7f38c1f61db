import type { Kysely } from 'kysely';
import type { MigrationFactory } from './types.js';

/**
 * Reads per article per UTC day ("YYYY-MM-DD"), for hourly buckets older than Trending's 72
 * hours: the audience roll-up (audience/rollup.ts) adds them here and deletes them from
 * article_views, so a story's total is the sum over both tables.
 */
export const dailyViews: MigrationFactory = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('article_views_daily')
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('views', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('article_views_daily_pk', ['article_id', 'day'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('article_views_daily').execute();
  },
});
