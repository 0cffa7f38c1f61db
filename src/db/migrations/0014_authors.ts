import { sql, type Kysely } from 'kysely';
import { authorSlugOf } from '../../util/slug.js';
import { columnTypes, type MigrationFactory } from './types.js';

/**
 * Authors: a profile (name, slug, bio, photo, links; a newsroom user or an outside
 * contributor), and the byline rows keyed by the author's slug and listed while the story is
 * published, so an author's page is one index range scan like a sector's.
 */
export const authors: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('authors')
        .addColumn('id', 'integer', t.id)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('photo_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
        // JSON list of { label, url }.
        .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema
        .alterTable('article_authors')
        .addColumn('author_slug', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('article_authors')
        .addColumn('listed_at', t.time as 'text')
        .execute();
      const rows = await db.selectFrom('article_authors').select(['article_id', 'position', 'name']).execute();
      for (const r of rows as { article_id: number; position: number; name: string }[]) {
        await db
          .updateTable('article_authors')
          .set({ author_slug: authorSlugOf(r.name) })
          .where('article_id', '=', r.article_id)
          .where('position', '=', r.position)
          .execute();
      }
      await sql`update article_authors set listed_at = (select published_at from articles a where a.id = article_authors.article_id and a.status = 'published')`.execute(
        db,
      );
      await db.schema.createIndex('article_authors_listing').on('article_authors').columns(['author_slug', 'listed_at', 'article_id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('article_authors_listing').execute();
      await db.schema.alterTable('article_authors').dropColumn('listed_at').execute();
      await db.schema.alterTable('article_authors').dropColumn('author_slug').execute();
      await db.schema.dropTable('authors').execute();
    },
  };
};
