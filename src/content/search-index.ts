import { sql, type RawBuilder } from 'kysely';
import { dialectOf, type DB } from '../db/connect.js';
import { textOf } from './html.js';

/** Highlight markers: rare characters, removed from indexed text and replaced by <mark> after
 *  a snippet is escaped. */
export const MARK_START = '\u27e6';
export const MARK_END = '\u27e7';

/*
 * SQLite's index also holds each story's filing in a fourth column, `tags`, one token per
 * filter value, so that a filtered search is one FTS5 query (content/search.ts). Tokens end in
 * digits or are fixed words, so the porter stemmer treats them alike when written and searched.
 * Readers' words are matched only in the three text columns, so they never meet a tag.
 */
export const TEXT_COLUMNS = '{headline standfirst body}';
export const kindTag = (kind: string) => `wdk${kind}`;
export const countryTag = (code: string) => `wdc${[...code.toUpperCase()].map((c) => c.charCodeAt(0)).join('')}`;
/** SQL for the tag of an edition or sector given by slug ('wde0' / 'wds0', matching nothing, when there is none). */
export const editionTagSql = (slug: string): RawBuilder<string> => sql<string>`'wde' || coalesce((select id from editions where slug = ${slug}), 0)`;
export const sectorTagSql = (slug: string): RawBuilder<string> => sql<string>`'wds' || coalesce((select id from sectors where slug = ${slug}), 0)`;

/** The tags of a stored story, from its row and links (migration 0021 wrote the same). */
const tagsOf = (id: number) => sql<string>`(select 'wdk' || a.kind || ' wde' || a.edition_id
    || coalesce((select group_concat(' wds' || x.sector_id, '') from article_sectors x where x.article_id = a.id), '')
    || coalesce((select group_concat(' wdc' || unicode(substr(x.country_code, 1, 1)) || unicode(substr(x.country_code, 2, 1)), '') from article_countries x where x.article_id = a.id), '')
  from articles a where a.id = ${id})`;

/** Writes an article's text into the search index (call inside the article's transaction, after
 *  its links are written). */
export async function indexArticleText(db: DB, article: { id: number; headline: string; standfirst: string; body: string }) {
  const clean = (text: string) => text.replace(/[\u27e6\u27e7]/g, ' ');
  const row = { headline: clean(article.headline), standfirst: clean(article.standfirst), body: clean(textOf(article.body)) };
  if (dialectOf(db) === 'sqlite') {
    await sql`delete from article_search where rowid = ${article.id}`.execute(db);
    await sql`insert into article_search (rowid, headline, standfirst, body, tags)
      values (${article.id}, ${row.headline}, ${row.standfirst}, ${row.body}, ${tagsOf(article.id)})`.execute(db);
  } else {
    await sql`insert into article_search (article_id, headline, standfirst, body) values (${article.id}, ${row.headline}, ${row.standfirst}, ${row.body})
      on conflict (article_id) do update set headline = excluded.headline, standfirst = excluded.standfirst, body = excluded.body`.execute(db);
  }
}


/** Drops an article from the index (SQLite's FTS table has no foreign key to cascade). */
export async function removeArticleText(db: DB, articleId: number): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sql`delete from article_search where rowid = ${articleId}`.execute(db);
}
