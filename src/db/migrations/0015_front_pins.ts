import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/**
 * Front-page curation: the desk pins a story to a place on an edition's front (0 is the lead,
 * then the top stories in order) until a time; places left free, and pins that have expired or
 * whose story is no longer published, fall back to the newest stories.
 */
export const frontPins: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('front_pins')
        .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('expires_at', t.time, (c) => c.notNull())
        .addColumn('pinned_by', 'text', (c) => c.notNull())
        .addColumn('pinned_at', t.time, (c) => c.notNull())
        .addPrimaryKeyConstraint('front_pins_pk', ['edition_id', 'position'])
        .addUniqueConstraint('front_pins_story_once', ['edition_id', 'article_id'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('front_pins').execute();
    },
  };
};
