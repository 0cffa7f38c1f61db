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
 * On PostgreSQL article_search gets a `tags` tsvector with the same filing plus `wdpub` while
 * the story is published and the 1-, 2-, 4-, … 1,024-day blocks of its publication day, and the
 * GIN index on `document` becomes one on (document, tags): a search then intersects the
 * words with the filters and a recent window in one GIN scan, and reads the heap only for
 * those matches, instead of every match of a common word. It also gets the story's
 * `published_at` while published, for the ranking's recency. The document is kept in the row
 * (storage main). Filling the column rewrites every row (and recomputes the generated
 * `document`): minutes at a million stories.
 */
const TOKENIZE = `tokenize = 'porter unicode61 remove_diacritics 2'`;

export const searchScale: MigrationFactory = (kind) => ({
  async up(db: Kysely<any>) {
    if (kind === 'postgres') return postgresUp(db);
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
    if (kind === 'postgres') {
      await sql`alter table article_search alter column document set storage extended`.execute(db);
      await sql`create index article_search_document on article_search using gin (document)`.execute(db);
      await sql`drop index article_search_words_tags`.execute(db);
      await sql`alter table article_search drop column tags`.execute(db);
      await sql`alter table article_search drop column published_at`.execute(db);
      return;
    }
    await sql`create virtual table article_search_prev using fts5(headline, standfirst, body, ${sql.raw(TOKENIZE)})`.execute(db);
    await sql`insert into article_search_prev (rowid, headline, standfirst, body) select rowid, headline, standfirst, body from article_search`.execute(db);
    await sql`drop table article_search`.execute(db);
    await sql`alter table article_search_prev rename to article_search`.execute(db);
  },
});

async function postgresUp(db: Kysely<any>) {
  await sql`alter table article_search add column tags tsvector not null default ''`.execute(db);
  await sql`alter table article_search add column published_at timestamptz`.execute(db);
  // Ranking reads the document of every story in the pool: kept in the row (compressed when
  // that helps) instead of in TOAST, one page read fewer each; out of line only when the row
  // would not fit a page. Applies to the rows the update below writes anew.
  await sql`alter table article_search alter column document set storage main`.execute(db);
  await sql`drop index article_search_document`.execute(db);
  await sql`update article_search s set tags = (select array_to_tsvector(array_remove(array[
      'wdk' || a.kind, 'wde' || a.edition_id,
      case when a.status = 'published' then 'wdpub' end
    ] || array(select 'wdb' || l || 'x' || floor(extract(epoch from a.published_at) / 86400 / (1 << l))::bigint
          from generate_series(0, 10) l where a.status = 'published')
      || array(select 'wds' || x.sector_id from article_sectors x where x.article_id = a.id)
      || array(select 'wdc' || ascii(substr(x.country_code, 1, 1)) || ascii(substr(x.country_code, 2, 1)) from article_countries x where x.article_id = a.id), null))
    from articles a where a.id = s.article_id),
    published_at = (select a.published_at from articles a where a.id = s.article_id and a.status = 'published')`.execute(db);
  await sql`create index article_search_words_tags on article_search using gin (document, tags)`.execute(db);
}
