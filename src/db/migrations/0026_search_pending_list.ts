import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './types.js';

/**
 * PostgreSQL: the search index (article_search_words_tags, GIN) takes each new story into its
 * main structure at once instead of a pending list. GIN's "fast update" keeps up to 4 MB of
 * new entries unsorted until a vacuum merges them, and every search reads all of it, once per
 * window of the search (content/search-queries.ts): at a million stories a search with no hits
 * read 5,590 pages and took 17 ms, 3.7 ms once the list was merged. A story costs a little more
 * to index; a newsroom writes a story every few seconds and reads far more often. The list
 * already there is merged now. (SQLite's FTS5 has no such list.)
 */
export const searchPendingList: MigrationFactory = (kind) => ({
  async up(db: Kysely<any>) {
    if (kind !== 'postgres') return;
    await sql`alter index article_search_words_tags set (fastupdate = off)`.execute(db);
    await sql`select gin_clean_pending_list('article_search_words_tags')`.execute(db);
  },
  async down(db: Kysely<any>) {
    if (kind !== 'postgres') return;
    await sql`alter index article_search_words_tags reset (fastupdate)`.execute(db);
  },
});
