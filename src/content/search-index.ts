import { sql } from 'kysely';
import { dialectOf, type DB } from '../db/connect.js';
import { textOf } from './html.js';

/** Highlight markers: rare characters, removed from indexed text and replaced by <mark> after
 *  a snippet is escaped. */
export const MARK_START = '\u27e6';
export const MARK_END = '\u27e7';

/** Writes an article's text into the search index (call inside the article's transaction); a
 *  `fresh` article has no entry yet to replace. */
export async function indexArticleText(db: DB, article: { id: number; headline: string; standfirst: string; body: string }, options: { fresh?: boolean } = {}) {
  const clean = (text: string) => text.replace(/[\u27e6\u27e7]/g, ' ');
  const row = { headline: clean(article.headline), standfirst: clean(article.standfirst), body: clean(textOf(article.body)) };
  if (dialectOf(db) === 'sqlite') {
    if (!options.fresh) await sql`delete from article_search where rowid = ${article.id}`.execute(db);
    await sql`insert into article_search (rowid, headline, standfirst, body) values (${article.id}, ${row.headline}, ${row.standfirst}, ${row.body})`.execute(db);
  } else {
    await sql`insert into article_search (article_id, headline, standfirst, body) values (${article.id}, ${row.headline}, ${row.standfirst}, ${row.body})
      on conflict (article_id) do update set headline = excluded.headline, standfirst = excluded.standfirst, body = excluded.body`.execute(db);
  }
}


/** Drops an article from the index (SQLite's FTS table has no foreign key to cascade). */
export async function removeArticleText(db: DB, articleId: number): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sql`delete from article_search where rowid = ${articleId}`.execute(db);
}

/** Index entries for many stories at once (imports): `text` is each body's text already. */
export async function indexImportedText(db: DB, stories: readonly { id: number; headline: string; standfirst: string; text: string }[]): Promise<void> {
  const clean = (text: string) => text.replace(/[\u27e6\u27e7]/g, ' ');
  const sqlite = dialectOf(db) === 'sqlite';
  for (let i = 0; i < stories.length; i += 5_000) {
    const tuples = sql.join(stories.slice(i, i + 5_000).map((s) => sql`(${s.id}, ${clean(s.headline)}, ${clean(s.standfirst)}, ${clean(s.text)})`));
    if (sqlite) await sql`insert into article_search (rowid, headline, standfirst, body) values ${tuples}`.execute(db);
    else await sql`insert into article_search (article_id, headline, standfirst, body) values ${tuples}`.execute(db);
  }
}
