import { sql, type Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/** Reads per article per hour (for Trending), and the full-text index of article text:
 *  FTS5 on SQLite, a weighted tsvector with a GIN index on PostgreSQL. */
export const viewsAndSearch: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('article_views')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('hour', t.time, (c) => c.notNull())
        .addColumn('views', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_views_pk', ['article_id', 'hour'])
        .execute();
      await db.schema.createIndex('article_views_hour').on('article_views').columns(['hour', 'article_id', 'views']).execute();

      if (kind === 'sqlite') {
        // rowid is the article id. Porter stemming; diacritics folded ("Côte" finds "Cote").
        await sql`create virtual table article_search using fts5(
          headline, standfirst, body, tokenize = 'porter unicode61 remove_diacritics 2'
        )`.execute(db);
      } else {
        await sql`create table article_search (
          article_id integer primary key references articles(id) on delete cascade,
          headline text not null,
          standfirst text not null,
          body text not null,
          document tsvector generated always as (
            setweight(to_tsvector('english', headline), 'A') ||
            setweight(to_tsvector('english', standfirst), 'B') ||
            setweight(to_tsvector('english', body), 'C')
          ) stored
        )`.execute(db);
        await sql`create index article_search_document on article_search using gin (document)`.execute(db);
      }
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('article_search').execute();
      await db.schema.dropTable('article_views').execute();
    },
  };
};
