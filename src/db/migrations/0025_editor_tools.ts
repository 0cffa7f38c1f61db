import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/**
 * For the article editor: an image's focal point (x and y from 0 to 1, from the left and the
 * top; null when nobody set one), which every crop keeps in frame; and who has which story open
 * (one row per person and story, refreshed by the editor page's heartbeat), so every process
 * sees the same people.
 */
export const editorTools: MigrationFactory = (kind) => ({
  async up(db: Kysely<any>) {
    const t = columnTypes(kind);
    await db.schema.alterTable('media').addColumn('focal_x', 'double precision').execute();
    await db.schema.alterTable('media').addColumn('focal_y', 'double precision').execute();
    await db.schema
      .createTable('editor_presence')
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('seen_at', t.time, (c) => c.notNull())
      .addPrimaryKeyConstraint('editor_presence_pk', ['article_id', 'user_id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('editor_presence').execute();
    await db.schema.alterTable('media').dropColumn('focal_y').execute();
    await db.schema.alterTable('media').dropColumn('focal_x').execute();
  },
});
