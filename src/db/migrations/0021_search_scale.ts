import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './types.js';

/**
 * Search at a million stories (content/search.ts). On SQLite the FTS5 index gets a fourth
 * column, `tags`, holding a story's filing as single tokens (`wdk<kind>`, `wde<edition id>`,
 * `wds<sector id>`, `wdc<country code's character codes>`), so that a filtered search is one
 * FTS5 query that intersects the word lists with the filter's list inside the index and reads
 * its matches newest first, instead of joining every match to the articles. FTS5 cannot add a
 * column, so the table is built anew from the old one (its text is already cleaned) and the
 * stories' current filing.
 *
 * PostgreSQL needs nothing: the stored, weighted tsvector with its GIN index stays, and the
 * filtered searches walk the existing listing indexes.
 */
const TOKENIZE = `tokenize = 'porter unicode61 remove_diacritics 2'`;

export const searchScale: MigrationFactory = (kind) => ({
  async up(db: Kysely<any>) {
    if (kind !== 'sqlite') return;
    await sql`create virtual table article_search_next using fts5(headline, standfirst, body, tags, ${sql.raw(TOKENIZE)})`.execute(db);
    await sql`insert into article_search_next (rowid, headline, standfirst, body, tags)
      select s.rowid, s.headline, s.standfirst, s.body,
        'wdk' || a.kind || ' wde' || a.edition_id
          || coalesce((select group_concat(' wds' || x.sector_id, '') from article_sectors x where x.article_id = a.id), '')
          || coalesce((select group_concat(' wdc' || unicode(substr(x.country_code, 1, 1)) || unicode(substr(x.country_code, 2, 1)), '') from article_countries x where x.article_id = a.id), '')
      from article_search s join articles a on a.id = s.rowid`.execute(db);
    await sql`drop table article_search`.execute(db);
    await sql`alter table article_search_next rename to article_search`.execute(db);
  },
  async down(db: Kysely<any>) {
    if (kind !== 'sqlite') return;
    await sql`create virtual table article_search_prev using fts5(headline, standfirst, body, ${sql.raw(TOKENIZE)})`.execute(db);
    await sql`insert into article_search_prev (rowid, headline, standfirst, body) select rowid, headline, standfirst, body from article_search`.execute(db);
    await sql`drop table article_search`.execute(db);
    await sql`alter table article_search_prev rename to article_search`.execute(db);
  },
});
