import type { Kysely } from 'kysely';
import type { MigrationFactory } from './types.js';

/**
 * On SQLite the published-listing index also carries what a sitemap shows of a story (its last
 * change, lead picture and slug), so the sitemaps' reads never touch the table, whose rows hold
 * the bodies: counting a month and finding its latest change, finding where a part begins,
 * reading a part by keyset. Still led by (status, published_at, id), so the listings walk it as
 * before.
 *
 * On PostgreSQL the index stays as it is: the same reads are index range scans that fetch the
 * rows from the heap, which is in publication order much as the index is. (An INCLUDE copy of it
 * would be newer than the kind and edition indexes and win the planner's ties over them.)
 */
export const sitemapIndex: MigrationFactory = (kind) => ({
  async up(db: Kysely<any>) {
    if (kind !== 'sqlite') return;
    await db.schema.dropIndex('articles_status_published').execute();
    await db.schema
      .createIndex('articles_status_published')
      .on('articles')
      .columns(['status', 'published_at', 'id', 'updated_at', 'hero_media_id', 'slug'])
      .execute();
  },
  async down(db: Kysely<any>) {
    if (kind !== 'sqlite') return;
    await db.schema.dropIndex('articles_status_published').execute();
    await db.schema.createIndex('articles_status_published').on('articles').columns(['status', 'published_at', 'id']).execute();
  },
});
