import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/connect.js';
import type { ArticleKind } from './articles.js';
import { countryTag, editionTagSql, kindTag, MARK_END, MARK_START, sectorTagSql, TEXT_COLUMNS } from './search-index.js';

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
 * One statement. The pool is read in publication order from the index that suits the filters
 * (a country's or a sector's listing, else the articles' own (kind | edition, status,
 * published_at) indexes), each story checked against the stored tsvector; for a rare word the
 * planner goes through the GIN index instead (it knows the words' frequencies from ANALYZE).
 * ts_rank_cd and the recency boost rank the pool; ts_headline runs for the page's rows only.
 */
export async function searchPostgres(db: DB, websearch: string, filters: EngineFilters, w: Window): Promise<EnginePage> {
  const ts = sql`websearch_to_tsquery('english', ${websearch})`;
  const sectorId = (slug: string) => sql`(select id from sectors where slug = ${slug})`;
  const conditions: RawBuilder<unknown>[] = [];
  let from: RawBuilder<unknown>;
  let id: RawBuilder<unknown>;
  let at: RawBuilder<unknown>;
  let needArticle = Boolean(filters.kind || filters.edition);
  if (filters.country || filters.sector) {
    // A listing row exists with listed_at set exactly while the story is published.
    from = filters.country ? sql`article_countries d` : sql`article_sectors d`;
    conditions.push(filters.country ? sql`d.country_code = ${filters.country}` : sql`d.sector_id = ${sectorId(filters.sector!)}`, sql`d.listed_at is not null`);
    if (filters.country && filters.sector) {
      conditions.push(sql`exists (select 1 from article_sectors x where x.article_id = d.article_id and x.sector_id = ${sectorId(filters.sector)})`);
    }
    id = sql`d.article_id`;
    at = sql`d.listed_at`;
  } else {
    from = sql`articles d`;
    conditions.push(sql`d.status = 'published'`);
    id = sql`d.id`;
    at = sql`d.published_at`;
    needArticle = false;
  }
  const a = needArticle ? sql`a` : sql`d`;
  if (needArticle) from = sql`${from} join articles a on a.id = d.article_id`;
  if (filters.kind) conditions.push(sql`${a}.kind = ${filters.kind}`);
  if (filters.edition) conditions.push(sql`${a}.edition_id = (select id from editions where slug = ${filters.edition})`);
  const options = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
  const { rows } = await sql<{ total: number; id: number | null; headline_hl: string; snippet: string }>`
    with pool as materialized (
      select ${id} as id, ${at} as published_at, s.document
      from ${from} join article_search s on s.article_id = ${id}
      where s.document @@ ${ts} and ${sql.join(conditions, sql` and `)}
      order by ${at} desc, ${id} desc limit ${w.cap + 1}
    ),
    ranked as (
      select id, ts_rank_cd(document, ${ts}, 32) / (1.0 + extract(epoch from (now() - published_at)) / 2592000.0) as score
      from pool order by score desc, id desc limit ${w.limit} offset ${w.offset}
    )
    select c.total, r.id,
      ts_headline('english', s.headline, ${ts}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`}) as headline_hl,
      ts_headline('english', s.standfirst || ' ' || s.body, ${ts}, ${options}) as snippet
    from (select count(*) as total from pool) c
      left join ranked r on true
      left join article_search s on s.article_id = r.id
    order by r.score desc nulls last, r.id desc`.execute(db);
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.flatMap((r) => (r.id === null ? [] : [{ id: Number(r.id), headline_hl: r.headline_hl, snippet: r.snippet }])),
  };
}
