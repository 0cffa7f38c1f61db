import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/connect.js';
import type { ArticleKind } from './articles.js';
import { BLOCK_LEVELS, blockTag, countryTag, editionTagSql, kindTag, MARK_END, MARK_START, sectorTagSql, TEXT_COLUMNS } from './search-index.js';

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
    tags.length
      ? sql`${words} || ' AND {tags} : (' || ${sql.join(
          tags.map((t) => sql`'"' || ${t} || '"'`),
          sql` || ' AND ' || `,
        )} || ')'`
      : sql`${words}`;
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

/** Matches of a filtered search the planner expects at most, for which one GIN scan over the
 *  whole archive is cheaper than windows. */
const WHOLE_ARCHIVE_BELOW = 5_000;

/**
 * A GIN index keeps no order, and a common word's matches are half the archive, so when many
 * stories match the pool is read window by window, newest first: the stories of the last 1-2
 * days, then 2-4, 4-8, … 1,024-2,048, then the rest (each window twice as long as the one
 * before, so the one that fills the pool reads a few times the matches still missing at most).
 * Each window is one GIN scan over (document, tags) that intersects the words with `wdpub`,
 * the filters' tags and the window's block tags (content/search-index.ts), so the heap is read
 * only for that window's matches. The windows are the branches of a UNION ALL under the pool's
 * LIMIT: PostgreSQL runs a later branch only while the earlier ones have not filled the pool.
 *
 * A GIN scan costs what its rarest list costs, though, and a window's list stops being the
 * rarest once it is longer than a small filter's (a small country): then every window would
 * read the whole filter again. So when a filtered search is expected to find few stories (the
 * planner's estimate from the frequencies ANALYZE keeps of words and tags, asked with EXPLAIN)
 * the pool is one scan of the whole archive. (Without a filter the windows are always cheap
 * enough, and the estimate says nothing about words too rare for ANALYZE's list.) ts_rank_cd
 * and the recency boost rank the pool; ts_headline runs for the page's rows only.
 */
export async function searchPostgres(db: DB, websearch: string, filters: EngineFilters, w: Window): Promise<EnginePage> {
  const tags: RawBuilder<unknown>[] = [];
  if (filters.kind) tags.push(sql.val(kindTag(filters.kind)));
  if (filters.country) tags.push(sql.val(countryTag(filters.country)));
  if (filters.edition || filters.sector) {
    // As constants, so that the planner can weigh them.
    const { rows } = await sql<{ edition: number | null; sector: number | null }>`select
      (select id from editions where slug = ${filters.edition ?? ''}) as edition, (select id from sectors where slug = ${filters.sector ?? ''}) as sector`.execute(
      db,
    );
    const found = rows[0]!;
    if ((filters.edition && found.edition === null) || (filters.sector && found.sector === null)) return { total: 0, rows: [] };
    if (filters.edition) tags.push(sql.val(`wde${found.edition}`));
    if (filters.sector) tags.push(sql.val(`wds${found.sector}`));
  }
  let windows = true;
  if (tags.length) {
    const plan = await sql<{ 'QUERY PLAN': unknown }>`explain (format json) select 1 from article_search
      where document @@ websearch_to_tsquery('english', ${websearch}) and tags @@ ${tagQuery(tags, sql`'wdpub'`)}`.execute(db);
    const expected = (plan.rows[0]?.['QUERY PLAN'] as [{ Plan: { 'Plan Rows': number } }] | undefined)?.[0]?.Plan['Plan Rows'];
    windows = !(Number(expected) < WHOLE_ARCHIVE_BELOW);
  }
  const { rows } = await postgresStatement({ websearch, tags, w, windows }).execute(db);
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.flatMap((r) => (r.id === null ? [] : [{ id: Number(r.id), headline_hl: r.headline_hl, snippet: r.snippet }])),
  };
}

/** The tags all ANDed, and `part` (tsquery text, e.g. a window's blocks), as a tsquery. */
const tagQuery = (tags: RawBuilder<unknown>[], part: RawBuilder<unknown>) =>
  sql`cast(${sql.join([...tags.map((t) => sql`'''' || cast(${t} as text) || ''''`), part], sql` || ' & ' || `)} as tsquery)`;

/**
 * The windows, newest first, as tsquery texts of block tags. Window 0 is yesterday, today and
 * tomorrow (clocks differ); window L is the level-L blocks before, of and after today's, less
 * window L−1: three level-(L−1) blocks, so no window needs a NOT (which costs a GIN scan dearly).
 * The last one is every older level-(top) block. Only published stories have block tags.
 */
function windows(today: number): string[] {
  const or = (level: number, blocks: number[]) => `(${blocks.map((b) => `'${blockTag(level, b)}'`).join(' | ')})`;
  const around = (level: number) => [-1, 0, 1].map((k) => Math.floor(today / 2 ** level) + k);
  const parts = [or(0, around(0))];
  for (let level = 1; level < BLOCK_LEVELS; level++) {
    const inner = new Set(around(level - 1));
    parts.push(
      or(
        level - 1,
        around(level)
          .flatMap((b) => [2 * b, 2 * b + 1])
          .filter((b) => !inner.has(b)),
      ),
    );
  }
  const top = BLOCK_LEVELS - 1;
  const older = Array.from({ length: Math.max(0, around(top)[0]!) }, (_, b) => b);
  if (older.length) parts.push(or(top, older));
  return parts;
}

/** The pool, ranked, and the page: the statement searchPostgres runs (exported for the benchmark's EXPLAIN). */
export function postgresStatement(q: { websearch: string; tags: RawBuilder<unknown>[]; w: Window; windows: boolean }, now = new Date()) {
  const ts = sql`websearch_to_tsquery('english', ${q.websearch})`;
  const parts = q.windows ? windows(Math.floor(now.getTime() / 86_400_000)) : ["'wdpub'"];
  // A window ranks its matches while it has them in hand (the document is in the row), and
  // reads a few times the pool at most; only ids and scores go through its sort (documents
  // would make it spill). The one scan of the whole archive may read several times the pool:
  // it keeps ids only, and the pool's stories are looked up and ranked afterwards.
  const score = (t: string) =>
    sql`ts_rank_cd(${sql.ref(`${t}.document`)}, ${ts}, 32) / (1.0 + extract(epoch from (now() - ${sql.ref(`${t}.published_at`)})) / 2592000.0)`;
  const branch = (part: string) => sql`(select s.article_id, ${q.windows ? score('s') : sql`null`} as score
      from article_search s where s.document @@ ${ts} and s.tags @@ ${tagQuery(q.tags, sql`${part}`)}
      order by s.article_id desc limit ${q.w.cap + 1})`;
  const pool = q.windows
    ? sql`select article_id as id, score from hits`
    : sql`select h.article_id as id, ${score('d')} as score from hits h join article_search d on d.article_id = h.article_id`;
  const options = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
  return sql<{ total: number; id: number | null; headline_hl: string; snippet: string }>`
    with hits as materialized (
      select article_id, score from (${sql.join(parts.map(branch), sql` union all `)}) windows
      limit ${q.w.cap + 1}
    ),
    ranked as (
      select id, score from (${pool}) pool order by score desc, id desc limit ${q.w.limit} offset ${q.w.offset}
    )
    select c.total, r.id,
      ts_headline('english', s.headline, ${ts}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`}) as headline_hl,
      ts_headline('english', s.standfirst || ' ' || s.body, ${ts}, ${options}) as snippet
    from (select count(*) as total from hits) c
      left join ranked r on true
      left join article_search s on s.article_id = r.id
    order by r.score desc nulls last, r.id desc`;
}
