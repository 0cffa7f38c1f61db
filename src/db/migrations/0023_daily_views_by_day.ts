import type { Kysely } from 'kysely';
import type { MigrationFactory } from './types.js';

/**
 * The audience export reads every story's reads of one day (audience/story-reads.ts): the day
 * rows' key leads with the story, so without this index that is a scan of every day row. It
 * carries the views too, so the export never reads the table.
 */
export const dailyViewsByDay: MigrationFactory = () => ({
  async up(db: Kysely<any>) {
    await db.schema.createIndex('article_views_daily_day').on('article_views_daily').columns(['day', 'article_id', 'views']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('article_views_daily_day').execute();
  },
});
