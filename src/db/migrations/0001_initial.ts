import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/** The foundation: taxonomy, media, articles and their links, revisions, pages, settings, users. */
export const initial: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('editions')
        .addColumn('id', 'integer', t.id)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('tz_abbreviation', 'text', (c) => c.notNull())
        .addColumn('tz_abbreviation_dst', 'text')
        .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('sectors')
        .addColumn('id', 'integer', t.id)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('countries')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('official_name', 'text', (c) => c.notNull())
        .addColumn('demonym', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('capitals', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('alt_names', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('subregion', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('edition_id', 'integer', (c) => c.references('editions.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('countries_edition').on('countries').column('edition_id').execute();

      await db.schema
        .createTable('media')
        .addColumn('id', 'integer', t.id)
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('alt_text', 'text', (c) => c.notNull())
        .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('digital_source_type', 'text', (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', t.id)
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(t.oneOf('role', ['admin', 'editor', 'writer'])))
        .addColumn('password_hash', 'text')
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('disabled_at', t.time)
        .execute();

      await db.schema
        .createTable('articles')
        .addColumn('id', 'integer', t.id)
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(t.oneOf('kind', ['news', 'opinion', 'blog', 'interview', 'shot'])))
        .addColumn('status', 'text', (c) => c.notNull().check(t.oneOf('status', ['draft', 'review', 'scheduled', 'published', 'unpublished'])))
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('standfirst', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('dateline_city', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('byline_desk', 'text')
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
        .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id'))
        .addColumn('hero_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
        .addColumn('ai_involvement', 'text', (c) =>
          c
            .notNull()
            .defaultTo('none')
            .check(t.oneOf('ai_involvement', ['none', 'assisted', 'generated'])),
        )
        .addColumn('human_reviewed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .addColumn('published_at', t.time)
        .addColumn('scheduled_for', t.time)
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .execute();
      // Listing indexes: each list query is one range scan in (…, published_at, id) order.
      await db.schema.createIndex('articles_status_published').on('articles').columns(['status', 'published_at', 'id']).execute();
      await db.schema.createIndex('articles_kind_published').on('articles').columns(['kind', 'status', 'published_at', 'id']).execute();
      await db.schema.createIndex('articles_edition_published').on('articles').columns(['edition_id', 'status', 'published_at', 'id']).execute();
      await db.schema.createIndex('articles_status_updated').on('articles').columns(['status', 'updated_at', 'id']).execute();
      await db.schema.createIndex('articles_scheduled').on('articles').columns(['status', 'scheduled_for']).execute();
      await db.schema.createIndex('articles_created_by').on('articles').column('created_by').execute();
      await db.schema.createIndex('articles_hero_media').on('articles').column('hero_media_id').execute();

      await db.schema
        .createTable('article_authors')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'position'])
        .execute();
      await db.schema.createIndex('article_authors_user').on('article_authors').column('user_id').execute();

      await db.schema
        .createTable('article_sectors')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('sector_id', 'integer', (c) => c.notNull().references('sectors.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('listed_at', t.time)
        .addPrimaryKeyConstraint('article_sectors_pk', ['article_id', 'sector_id'])
        .execute();
      await db.schema.createIndex('article_sectors_listing').on('article_sectors').columns(['sector_id', 'listed_at', 'article_id']).execute();

      await db.schema
        .createTable('article_countries')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('country_code', 'text', (c) => c.notNull().references('countries.code'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('listed_at', t.time)
        .addPrimaryKeyConstraint('article_countries_pk', ['article_id', 'country_code'])
        .execute();
      await db.schema.createIndex('article_countries_listing').on('article_countries').columns(['country_code', 'listed_at', 'article_id']).execute();

      await db.schema
        .createTable('article_sources')
        .addColumn('id', 'integer', t.id)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('agency', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('item_version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addUniqueConstraint('article_sources_item', ['article_id', 'agency', 'item_id'])
        .execute();
      await db.schema.createIndex('article_sources_agency_item').on('article_sources').columns(['agency', 'item_id']).execute();

      await db.schema
        .createTable('article_revisions')
        .addColumn('id', 'integer', t.id)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('article_version', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('article_revisions_article').on('article_revisions').columns(['article_id', 'id']).execute();

      await db.schema
        .createTable('pages')
        .addColumn('id', 'integer', t.id)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .execute();
    },

    async down(db: Kysely<any>) {
      for (const table of [
        'settings',
        'pages',
        'article_revisions',
        'article_sources',
        'article_countries',
        'article_sectors',
        'article_authors',
        'articles',
        'users',
        'media',
        'countries',
        'sectors',
        'editions',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
};
