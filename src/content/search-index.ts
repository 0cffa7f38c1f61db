import { sql, type RawBuilder } from 'kysely';
import { dialectOf, type DB } from '../db/connect.js';
import { textOf } from './html.js';

/** Highlight markers: rare characters, removed from indexed text and replaced by <mark> after
 *  a snippet is escaped. */
export const MARK_START = '\u27e6';
export const MARK_END = '\u27e7';

/*
 * The index also holds each story's filing as tags, one token per filter value: on SQLite in a
 * fourth FTS5 column, on PostgreSQL in a `tags` tsvector beside `document` in the same GIN
 * index. So a filtered search is one index scan that intersects the words' lists with the
 * filter's (content/search-queries.ts). Tokens end in digits or are fixed words, so SQLite's
 * porter stemmer treats them alike when written and searched. Readers' words are matched only
 * in the text, so they never meet a tag.
 *
 * PostgreSQL's tags also say that the story is published (`wdpub`) and when: the blocks of
 * 1, 2, 4, … 1,024 days that its publication day falls in (`wdb<level>x<block>`, a block of
 * 2^level days counted from 1970), since a GIN index keeps no order and a search must be able
 * to read only the recent matches. Its `published_at` (null unless published) lets the ranking
 * weigh recency without reading the articles.
 */
export const TEXT_COLUMNS = '{headline standfirst body}';
export const kindTag = (kind: string) => `wdk${kind}`;
export const countryTag = (code: string) => `wdc${[...code.toUpperCase()].map((c) => c.charCodeAt(0)).join('')}`;
/** SQL for the tag of an edition or sector given by slug ('wde0' / 'wds0', matching nothing, when there is none). */
export const editionTagSql = (slug: string): RawBuilder<string> => sql<string>`'wde' || coalesce((select id from editions where slug = ${slug}), 0)`;
export const sectorTagSql = (slug: string): RawBuilder<string> => sql<string>`'wds' || coalesce((select id from sectors where slug = ${slug}), 0)`;

/** The tags of a stored story, from its row and links (migration 0022 wrote the same). */
export const sqliteTagsOf = (id: number) => sql<string>`(select 'wdk' || a.kind || ' wde' || a.edition_id
    || coalesce((select group_concat(' wds' || x.sector_id, '') from article_sectors x where x.article_id = a.id), '')
    || coalesce((select group_concat(' wdc' || unicode(substr(x.country_code, 1, 1)) || unicode(substr(x.country_code, 2, 1)), '') from article_countries x where x.article_id = a.id), '')
  from articles a where a.id = ${id})`;

/** Block levels 0…BLOCK_LEVELS-1: a block of level L is 2^L days. */
export const BLOCK_LEVELS = 11;
/** Block `block` of a level (days block·2^level … (block+1)·2^level − 1 since 1970), as the PostgreSQL tags name it. */
export const blockTag = (level: number, block: number) => `wdb${level}x${block}`;

/** PostgreSQL: the tags of a stored story, from its row and links (migration 0022 wrote the same). */
export const postgresTagsOf = (id: RawBuilder<unknown>) => sql<string>`(select array_to_tsvector(array_remove(array[
      'wdk' || a.kind, 'wde' || a.edition_id,
      case when a.status = 'published' then 'wdpub' end
    ] || array(select 'wdb' || l || 'x' || floor(extract(epoch from a.published_at) / 86400 / (1 << l))::bigint
          from generate_series(0, ${sql.lit(BLOCK_LEVELS - 1)}) l where a.status = 'published')
      || array(select 'wds' || x.sector_id from article_sectors x where x.article_id = a.id)
      || array(select 'wdc' || ascii(substr(x.country_code, 1, 1)) || ascii(substr(x.country_code, 2, 1)) from article_countries x where x.article_id = a.id), null))
  from articles a where a.id = ${id})`;

/** Writes an article's text into the search index (call inside the article's transaction, after
 *  its links are written); a `fresh` article has no entry yet to replace. */
export async function indexArticleText(
  db: DB,
  article: { id: number; headline: string; standfirst: string; body: string; status: string; publishedAt: string | null },
  options: { fresh?: boolean } = {},
) {
  const clean = (text: string) => text.replace(/[\u27e6\u27e7]/g, ' ');
  const row = { headline: clean(article.headline), standfirst: clean(article.standfirst), body: clean(textOf(article.body)) };
  if (dialectOf(db) === 'sqlite') {
    if (!options.fresh) await sql`delete from article_search where rowid = ${article.id}`.execute(db);
    await sql`insert into article_search (rowid, headline, standfirst, body, tags)
      values (${article.id}, ${row.headline}, ${row.standfirst}, ${row.body}, ${sqliteTagsOf(article.id)})`.execute(db);
  } else {
    const publishedAt = article.status === 'published' ? article.publishedAt : null;
    await sql`insert into article_search (article_id, headline, standfirst, body, tags, published_at)
      values (${article.id}, ${row.headline}, ${row.standfirst}, ${row.body}, ${postgresTagsOf(sql`${article.id}`)}, ${publishedAt})
      on conflict (article_id) do update set headline = excluded.headline, standfirst = excluded.standfirst, body = excluded.body,
        tags = excluded.tags, published_at = excluded.published_at`.execute(db);
  }
}

/** Drops an article from the index (SQLite's FTS table has no foreign key to cascade). */
export async function removeArticleText(db: DB, articleId: number): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sql`delete from article_search where rowid = ${articleId}`.execute(db);
}

/** A published story's tags as tagsOf / postgresTagsOf make them from its rows, computed from what
 *  an import already holds. */
export function importedTags(
  story: { kind: string; editionId: number; sectorIds: readonly number[]; countries: readonly string[]; publishedAt: string },
  dialect: 'sqlite' | 'postgres',
): string[] {
  const tags = [kindTag(story.kind), `wde${story.editionId}`, ...story.sectorIds.map((id) => `wds${id}`), ...story.countries.map(countryTag)];
  if (dialect === 'sqlite') return tags;
  const day = Math.floor(Date.parse(story.publishedAt) / 86_400_000);
  return [...tags, 'wdpub', ...Array.from({ length: BLOCK_LEVELS }, (_, level) => blockTag(level, Math.floor(day / 2 ** level)))];
}

/** Index entries for many published stories at once (imports): `text` is each body's text already. */
export async function indexImportedText(
  db: DB,
  stories: readonly {
    id: number;
    headline: string;
    standfirst: string;
    text: string;
    publishedAt: string;
    kind: string;
    editionId: number;
    sectorIds: readonly number[];
    countries: readonly string[];
  }[],
): Promise<void> {
  const clean = (text: string) => text.replace(/[\u27e6\u27e7]/g, ' ');
  const sqlite = dialectOf(db) === 'sqlite';
  for (let i = 0; i < stories.length; i += 2_000) {
    const slice = stories.slice(i, i + 2_000);
    if (sqlite) {
      const tuples = sql.join(
        slice.map((s) => sql`(${s.id}, ${clean(s.headline)}, ${clean(s.standfirst)}, ${clean(s.text)}, ${importedTags(s, 'sqlite').join(' ')})`),
      );
      await sql`insert into article_search (rowid, headline, standfirst, body, tags) values ${tuples}`.execute(db);
    } else {
      const tuples = sql.join(
        slice.map(
          (s) =>
            sql`(${s.id}, ${clean(s.headline)}, ${clean(s.standfirst)}, ${clean(s.text)}, array_to_tsvector(${importedTags(s, 'postgres')}::text[]), ${s.publishedAt}::timestamptz)`,
        ),
      );
      await sql`insert into article_search (article_id, headline, standfirst, body, tags, published_at) values ${tuples}`.execute(db);
    }
  }
}
