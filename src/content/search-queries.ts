import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/connect.js';
import type { ArticleKind } from './articles.js';
import { blockTag, countryTag, editionTagSql, kindTag, MARK_END, MARK_START, sectorTagSql, TEXT_COLUMNS } from './search-index.js';

/*
 * The two engines' search statements (content/search.ts decides what to ask). Both read a
 * bounded pool: the newest RESULT_CAP + 1 published stories that match the words and the
 * filters, and rank only that pool. So a word found in half a million stories costs what a
 * word found in a thousand does, the count stops at "more than RESULT_CAP", and the pages end
 * there too. A story older than the pool's newest thousand matches is not shown; for a word
 * that common the recency boost would rank it far down anyway.
 */

export interface EngineFilters {
  kind?: ArticleKind;
  sector?: string;
  edition?: string;
  /** ISO code, upper case. */
  country?: string;
}

export interface PageRow {
  id: number;
  headline_hl: string;
  snippet: string;
}

export interface EnginePage {
  /** Matching published stories in the pool: at most cap + 1. */
  total: number;
  rows: PageRow[];
}

interface Window {
  cap: number;
  limit: number;
  offset: number;
}

// ── SQLite (FTS5) ───────────────────────────────────────────────────────────

/** Ids apart within which reading every match beats looking the page's stories up one by one. */
const NEAR_PAGE = 20_000;

/**
 * One FTS5 query finds the pool: the words in the text columns AND the filters' tags, read in
 * rowid (= article id) order from the newest, joined to the articles only to drop what is not
 * published. FTS5 intersects the lists itself, skipping through the long ones, so the rarer
 * side sets the cost: a small country's stories or a rare word. Ranking does not use bm25:
 * bm25 reads every match of every phrase to weigh it (its IDF), a cost that grows with the
 * archive. Instead two more FTS5 queries over the pool's range find which of the pool's
 * stories have the words in the headline or in the standfirst; the score weighs those as
 * bm25 weighed the columns (10, 4, 1) and divides by the same recency boost.
 */
export async function searchSqlite(db: DB, text: { full: string; positive: string }, filters: EngineFilters, w: Window): Promise<EnginePage> {
  const tags: RawBuilder<string>[] = [];
  if (filters.kind) tags.push(sql.val(kindTag(filters.kind)));
  if (filters.edition) tags.push(editionTagSql(filters.edition));
  if (filters.sector) tags.push(sectorTagSql(filters.sector));
  if (filters.country) tags.push(sql.val(countryTag(filters.country)));
  const tagged = (words: string) =>
    tags.length ? sql`${words} || ' AND {tags} : (' || ${sql.join(tags.map((t) => sql`'"' || ${t} || '"'`), sql` || ' AND ' || `)} || ')'` : sql`${words}`;
  const { rows } = await sql<{ total: number; id: number | null }>`
    with pool as materialized (
      select s.rowid as id, a.published_at from article_search s cross join articles a on a.id = s.rowid
      where article_search match ${tagged(`${TEXT_COLUMNS} : (${text.full})`)} and a.status = 'published'
      order by s.rowid desc limit ${w.cap + 1}
    ),
    head as materialized (
      select rowid as id from article_search where article_search match ${tagged(`{headline} : ${text.positive}`)} and rowid >= (select min(id) from pool)
    ),
    stand as materialized (
      select rowid as id from article_search where article_search match ${tagged(`{standfirst} : ${text.positive}`)} and rowid >= (select min(id) from pool)
    ),
    ranked as (
      select id, (1.0 + 4 * (id in stand) + 10 * (id in head)) / (1.0 + (julianday('now') - julianday(published_at)) / 30.0) as score
      from pool order by score desc, id desc limit ${w.limit} offset ${w.offset}
    )
    select c.total, r.id from (select count(*) as total from pool) c left join ranked r on 1 = 1
    order by r.score desc, r.id desc`.execute(db);
  const ids = rows.flatMap((r) => (r.id === null ? [] : [Number(r.id)]));
  if (ids.length === 0) return { total: Number(rows[0]?.total ?? 0), rows: [] };
  // Highlights for the page only. FTS5 opens the query anew for each rowid looked up (about
  // 0.1 ms a story at a million), so when the page's stories lie close together one pass over
  // the matches between them is cheaper. Rowid bounds must be bound as integers: FTS5 ignores
  // a REAL one (and better-sqlite3 binds numbers as REAL), scanning every match instead.
  const [low, high] = [Math.min(...ids), Math.max(...ids)];
  const where =
    high - low <= NEAR_PAGE
      ? sql`rowid between cast(${low} as integer) and cast(${high} as integer) and +rowid in (${sql.join(ids)})`
      : sql`rowid in (${sql.join(ids)})`;
  const marked = await sql<PageRow>`select rowid as id,
      highlight(article_search, 0, ${MARK_START}, ${MARK_END}) as headline_hl,
      snippet(article_search, -1, ${MARK_START}, ${MARK_END}, '…', 32) as snippet
    from article_search where article_search match ${`${TEXT_COLUMNS} : (${text.full})`} and ${where}`.execute(db);
  const byId = new Map(marked.rows.map((r) => [Number(r.id), r]));
  return { total: Number(rows[0]!.total), rows: ids.flatMap((id) => byId.get(id) ?? []) };
}

// ── PostgreSQL (tsvector) ───────────────────────────────────────────────────

/**
 * One statement. A GIN index keeps no order, and a common word's matches are half the archive,
 * so the pool is read window by window, newest first: the stories of the last 8-16 days, then
 * 64-128, then 512-1024, then the rest, each window one GIN scan over (document, tags) that
 * intersects the words with `wdpub`, the filters' tags and the window's block tags
 * (content/search-index.ts), so the heap is read only for that window's matches. The windows
 * are the branches of a UNION ALL under the pool's LIMIT: PostgreSQL runs a later branch only
 * while the earlier ones have not filled the pool. ts_rank_cd and the recency boost rank the
 * pool; ts_headline runs for the page's rows only.
 */
export async function searchPostgres(db: DB, websearch: string, filters: EngineFilters, w: Window): Promise<EnginePage> {
  const { rows } = await postgresStatement(websearch, filters, w).execute(db);
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.flatMap((r) => (r.id === null ? [] : [{ id: Number(r.id), headline_hl: r.headline_hl, snippet: r.snippet }])),
  };
}

/** The statement searchPostgres runs (exported for the benchmark's EXPLAIN). */
export function postgresStatement(websearch: string, filters: EngineFilters, w: Window, now = new Date()) {
  const ts = sql`websearch_to_tsquery('english', ${websearch})`;
  const tags: RawBuilder<string>[] = [sql.val('wdpub')];
  if (filters.kind) tags.push(sql.val(kindTag(filters.kind)));
  if (filters.edition) tags.push(editionTagSql(filters.edition));
  if (filters.sector) tags.push(sectorTagSql(filters.sector));
  if (filters.country) tags.push(sql.val(countryTag(filters.country)));
  const required = sql.join(tags.map((t) => sql`'''' || cast(${t} as text) || ''''`), sql` || ' & ' || `);
  const today = Math.floor(now.getTime() / 86_400_000);
  // The window of a level: its block of today, the one before and (clocks differ) the one after.
  const window = (level: 1 | 2 | 3) => `(${[8 ** level, 0, -(8 ** level)].map((d) => `'${blockTag(level, today + d)}'`).join(' | ')})`;
  const branch = (part: string) => sql`(select article_id, document from article_search
      where document @@ ${ts} and tags @@ cast(${required} || cast(${part} as text) as tsquery)
      order by article_id desc limit ${w.cap + 1})`;
  const options = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
  return sql<{ total: number; id: number | null; headline_hl: string; snippet: string }>`
    with hits as materialized (
      ${branch(` & ${window(1)}`)}
      union all ${branch(` & ${window(2)} & !${window(1)}`)}
      union all ${branch(` & ${window(3)} & !${window(2)}`)}
      union all ${branch(` & !${window(3)}`)}
      limit ${w.cap + 1}
    ),
    ranked as (
      select h.article_id as id,
        ts_rank_cd(h.document, ${ts}, 32) / (1.0 + extract(epoch from (now() - a.published_at)) / 2592000.0) as score
      from hits h join articles a on a.id = h.article_id
      order by score desc, id desc limit ${w.limit} offset ${w.offset}
    )
    select c.total, r.id,
      ts_headline('english', s.headline, ${ts}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`}) as headline_hl,
      ts_headline('english', s.standfirst || ' ' || s.body, ${ts}, ${options}) as snippet
    from (select count(*) as total from hits) c
      left join ranked r on true
      left join article_search s on s.article_id = r.id
    order by r.score desc nulls last, r.id desc`;
}
