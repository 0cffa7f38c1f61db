import { CompiledQuery, sql, type SelectQueryBuilder } from 'kysely';
import { dialectOf, type DB } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { ArticleKind, ArticleStatus, ArticleSummary } from './article-model.js';
import { hydrate, summaryColumns, type ArticleRow } from './article-reads.js';
import type { Cursor } from './cursor.js';
import { toIso, type IsoTime } from './time.js';

// Listings of articles, newest first, a page at a time (keyset pagination), and the plans of
// their queries for the index tests.

export interface ListQuery {
  kind?: ArticleKind | ArticleKind[];
  /** Sector slug. */
  sector?: string;
  /** Edition slug. */
  edition?: string;
  /** ISO alpha-2 code. */
  country?: string;
  /** An author's slug (slugOf their name). */
  author?: string;
  status?: ArticleStatus;
  /** The desk's filters: who created it, and words in the headline (not index-served). */
  createdBy?: number;
  headlineContains?: string;
  /** Published lists: by publication time (the default) or by last change (the items API). */
  orderBy?: 'published' | 'updated';
  /** Only items at or after / before this time (of the order: publication or last change). */
  from?: IsoTime;
  to?: IsoTime;
  limit?: number;
  /** Items older than this cursor (the next page down). */
  before?: Cursor | null;
  /** Items newer than this cursor (the page above). */
  after?: Cursor | null;
}

export interface ArticlePage {
  items: ArticleSummary[];
  /** Cursor for "Older stories", null at the end. */
  older: Cursor | null;
  /** Cursor for "Newer stories", null on the first page. */
  newer: Cursor | null;
}

export const MAX_PAGE_SIZE = 100;

/**
 * Lists articles newest first. Published lists are ordered by publication time, others by last
 * change. Each query is one index range scan: by sector and country through the link tables'
 * (…, listed_at, article_id) indexes, otherwise through the articles indexes; several kinds are
 * one scan per kind, merged.
 */
export async function listArticles(db: DB, query: ListQuery = {}): Promise<ArticlePage> {
  const resolved = await resolveListFilters(db, query);
  if (!resolved) return { items: [], older: null, newer: null };
  const { pageRows, more, towardsNewer } = await listedRows(db, query, resolved);
  const items = await hydrate(db, pageRows);
  const cursorOf = (r: ListedRow | undefined): Cursor | null => (r && r.order_at ? { at: r.order_at, id: r.id } : null);
  const first = pageRows[0];
  const last = pageRows.at(-1);
  return {
    items,
    // Coming up from an older page, there is always an older page to go back to.
    older: towardsNewer || more ? cursorOf(last) : null,
    newer: towardsNewer ? (more ? cursorOf(first) : null) : query.before ? cursorOf(first) : null,
  };
}

/**
 * The first page of each of several listings (a front's sector blocks, say): one index query
 * per listing, and the stories of all of them loaded together, not once per listing.
 */
export async function listArticleGroups(db: DB, queries: Omit<ListQuery, 'before' | 'after'>[]): Promise<ArticleSummary[][]> {
  const sectorSlugs = [...new Set(queries.flatMap((q) => (q.sector ? [q.sector] : [])))];
  const editionSlugs = [...new Set(queries.flatMap((q) => (q.edition ? [q.edition] : [])))];
  const [sectors, editions] = await Promise.all([
    sectorSlugs.length ? db.selectFrom('sectors').select(['id', 'slug']).where('slug', 'in', sectorSlugs).execute() : [],
    editionSlugs.length ? db.selectFrom('editions').select(['id', 'slug']).where('slug', 'in', editionSlugs).execute() : [],
  ]);
  const sectorId = new Map(sectors.map((r) => [r.slug, r.id]));
  const editionId = new Map(editions.map((r) => [r.slug, r.id]));
  const groups = await Promise.all(
    queries.map(async (q) => {
      if ((q.sector && !sectorId.has(q.sector)) || (q.edition && !editionId.has(q.edition))) return [];
      const resolved: ResolvedFilters = {
        sectorId: q.sector ? sectorId.get(q.sector) : undefined,
        editionId: q.edition ? editionId.get(q.edition) : undefined,
        country: q.country?.toUpperCase(),
        author: q.author,
      };
      return (await listedRows(db, q, resolved)).pageRows;
    }),
  );
  const summaries = new Map((await hydrate(db, [...new Map(groups.flat().map((r) => [r.id, r])).values()])).map((a) => [a.id, a]));
  return groups.map((rows) => rows.map((r) => summaries.get(r.id)!));
}

/** The rows of one page of a listing, in the order shown. */
async function listedRows(db: DB, query: ListQuery, resolved: ResolvedFilters): Promise<{ pageRows: ListedRow[]; more: boolean; towardsNewer: boolean }> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 20), 1), MAX_PAGE_SIZE);
  const towardsNewer = !query.before && Boolean(query.after);
  const kinds = Array.isArray(query.kind) ? [...new Set(query.kind)] : [query.kind];
  const perKind = await Promise.all(
    kinds.map((kind) =>
      listQuery(db, { ...query, kind }, resolved, towardsNewer)
        .limit(limit + 1)
        .execute(),
    ),
  );
  const timeOf = (r: ListedRow) => r.order_at ?? '';
  const rows = perKind
    .flat()
    .sort((x, y) => (towardsNewer ? -1 : 1) * (timeOf(y).localeCompare(timeOf(x)) || y.id - x.id))
    .slice(0, limit + 1);
  const more = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  if (towardsNewer) pageRows.reverse();
  return { pageRows, more, towardsNewer };
}

type ListedRow = ArticleRow & { order_at: string | null };

interface ResolvedFilters {
  sectorId?: number;
  editionId?: number;
  country?: string;
  author?: string;
}

async function resolveListFilters(db: DB, q: ListQuery): Promise<ResolvedFilters | null> {
  const filters: ResolvedFilters = {};
  if (q.sector) {
    const row = await db.selectFrom('sectors').select('id').where('slug', '=', q.sector).executeTakeFirst();
    if (!row) return null;
    filters.sectorId = row.id;
  }
  if (q.edition) {
    const row = await db.selectFrom('editions').select('id').where('slug', '=', q.edition).executeTakeFirst();
    if (!row) return null;
    filters.editionId = row.id;
  }
  if (q.country) filters.country = q.country.toUpperCase();
  if (q.author) filters.author = q.author;
  return filters;
}

/** Builds one list query (one kind at most). Exposed through explainList for the index tests. */
function listQuery(db: DB, q: ListQuery & { kind?: ArticleKind }, f: ResolvedFilters, towardsNewer: boolean): SelectQueryBuilder<Database, any, ListedRow> {
  const status = q.status ?? 'published';
  const dir = towardsNewer ? 'asc' : 'desc';
  const cursor = towardsNewer ? q.after : q.before;
  const cmp = towardsNewer ? '>' : '<';
  const columns = summaryColumns.map((c) => `articles.${c}` as const);

  const byPublication = status === 'published' && q.orderBy !== 'updated';

  // Published sector/country/author lists walk the link table's listing index.
  const link =
    byPublication && f.author !== undefined
      ? ({ table: 'article_authors', key: 'author_slug', value: f.author } as const)
      : byPublication && f.sectorId !== undefined
        ? ({ table: 'article_sectors', key: 'sector_id', value: f.sectorId } as const)
        : byPublication && f.country !== undefined
          ? ({ table: 'article_countries', key: 'country_code', value: f.country } as const)
          : null;

  let qb: SelectQueryBuilder<Database, any, any>;
  let orderCol: string;
  let idCol: string;
  if (link) {
    orderCol = `${link.table}.listed_at`;
    idCol = `${link.table}.article_id`;
    // On SQLite a CROSS JOIN keeps the link table outermost: with ANALYZE statistics its planner
    // otherwise walks every published story and sorts (seconds at a million stories).
    const from = db.selectFrom(link.table);
    const joined =
      dialectOf(db) === 'sqlite'
        ? from.crossJoin('articles').whereRef('articles.id', '=', `${link.table}.article_id` as any)
        : from.innerJoin('articles', 'articles.id', `${link.table}.article_id` as any);
    qb = joined.where(`${link.table}.${link.key}` as any, '=', link.value).where(orderCol as any, 'is not', null);
  } else {
    orderCol = byPublication ? 'articles.published_at' : 'articles.updated_at';
    idCol = 'articles.id';
    qb = db.selectFrom('articles').where('articles.status', '=', status);
  }
  qb = qb.select([...columns, `${orderCol} as order_at` as any]);
  if (link) qb = qb.where('articles.status', '=', status);
  if (q.kind) qb = qb.where('articles.kind', '=', q.kind);
  if (f.editionId !== undefined) qb = qb.where('articles.edition_id', '=', f.editionId);
  if (f.sectorId !== undefined && link?.table !== 'article_sectors') {
    qb = qb.where((eb) =>
      eb.exists(
        eb.selectFrom('article_sectors as fs').select('fs.article_id').whereRef('fs.article_id', '=', 'articles.id').where('fs.sector_id', '=', f.sectorId!),
      ),
    );
  }
  if (f.country !== undefined && link?.table !== 'article_countries') {
    qb = qb.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_countries as fc')
          .select('fc.article_id')
          .whereRef('fc.article_id', '=', 'articles.id')
          .where('fc.country_code', '=', f.country!),
      ),
    );
  }
  if (f.author !== undefined && link?.table !== 'article_authors') {
    qb = qb.where((eb) =>
      eb.exists(
        eb.selectFrom('article_authors as fa').select('fa.article_id').whereRef('fa.article_id', '=', 'articles.id').where('fa.author_slug', '=', f.author!),
      ),
    );
  }
  if (q.createdBy !== undefined) qb = qb.where('articles.created_by', '=', q.createdBy);
  if (q.headlineContains?.trim()) {
    const pattern = `%${q.headlineContains
      .trim()
      .slice(0, 100)
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = dialectOf(db) === 'postgres' ? sql`ilike` : sql`like`;
    qb = qb.where(sql<boolean>`articles.headline ${like} ${pattern} escape '\\'`);
  }
  if (q.from) qb = qb.where(orderCol as any, '>=', toIso(q.from));
  if (q.to) qb = qb.where(orderCol as any, '<', toIso(q.to));
  if (cursor) qb = qb.where((eb) => eb(eb.refTuple(orderCol as any, idCol as any), cmp, eb.tuple(cursor.at, cursor.id)));
  return qb.orderBy(orderCol as any, dir).orderBy(idCol as any, dir) as SelectQueryBuilder<Database, any, ListedRow>;
}

/** The database's plan for a list query, one line per step (for the index tests and for
 *  operators checking a slow listing). */
export async function explainList(db: DB, dialect: 'sqlite' | 'postgres', query: ListQuery = {}): Promise<string[]> {
  const resolved = (await resolveListFilters(db, query)) ?? {};
  const kind = Array.isArray(query.kind) ? query.kind[0] : query.kind;
  const compiled = listQuery(db, { ...query, kind }, resolved, false)
    .limit(20)
    .compile();
  const prefix = dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
  const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
  return result.rows.map((r) => String(r.detail ?? r['QUERY PLAN'] ?? JSON.stringify(r)));
}
