import { CompiledQuery, sql, type SelectQueryBuilder, type Selectable } from 'kysely';
import { z } from 'zod';
import { MAX_ID, rowId } from '../util/bounds.js';
import { dialectOf, type DB } from '../db/connect.js';
import type { ArticlesTable, Database } from '../db/schema.js';
import type { Cursor } from './cursor.js';
import { fromZod } from './errors.js';
import { getMediaByIds, type Media } from './media.js';
import { slugSchema } from '../util/slug.js';
import { toIso, type IsoTime } from './time.js';

/*
 * Articles: their types, what a valid article is, and every read. Writes go through the named
 * commands of content/lifecycle.ts (which alone uses content/article-store.ts): nothing else
 * changes an article, and nothing else can set its status.
 */

export const articleKinds = ['news', 'opinion', 'blog', 'interview', 'shot'] as const;
/** held: off the site while the agency withholds the copy (a legal hold); killed: the agency
 *  canceled it, for good; unpublished: the desk took it down. */
export const articleStatuses = ['draft', 'review', 'scheduled', 'published', 'held', 'unpublished', 'killed'] as const;
export const aiInvolvements = ['none', 'assisted', 'generated'] as const;

export type ArticleKind = (typeof articleKinds)[number];
export type ArticleStatus = (typeof articleStatuses)[number];
export type AiInvolvement = (typeof aiInvolvements)[number];

/** Who wrote it: a desk ("News Desk") or named people. */
export type Byline = { desk: string } | { authors: { name: string; userId: number | null }[] };

/** Where the copy came from: an agency's item, at a version. */
export interface ArticleSource {
  agency: string;
  itemId: string;
  version: number;
}

export interface ArticleSummary {
  id: number;
  slug: string;
  kind: ArticleKind;
  status: ArticleStatus;
  headline: string;
  standfirst: string;
  datelineCity: string;
  byline: Byline;
  language: string;
  editionId: number;
  /** ISO 3166-1 alpha-2 codes, main country first. */
  countries: string[];
  /** Sector slugs, main sector first. */
  sectors: string[];
  hero: Media | null;
  sources: ArticleSource[];
  aiInvolvement: AiInvolvement;
  /** A person reviewed the current text before it went out (published or scheduled it from the editor, or edited it live). */
  humanReviewed: boolean;
  /** A person changed the headline, standfirst or body. */
  humanEdited: boolean;
  /** Who sent it out: the desk, or an auto-publish rule; null until first published. */
  publishedVia: 'desk' | 'auto' | null;
  /** The latest agency embargo over its copy. */
  embargoUntil: IsoTime | null;
  /** Why the latest version of some agency copy in it is withheld; null when none is. */
  agencyHold: string | null;
  /** The story a Shot was made from. */
  derivedFrom: number | null;
  /** Why it is held, killed or taken down. */
  statusReason: string;
  version: number;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  publishedAt: IsoTime | null;
  scheduledFor: IsoTime | null;
  createdBy: number | null;
}

export interface Article extends ArticleSummary {
  /** Sanitised HTML. */
  body: string;
}

const bylineSchema = z.union([
  z.object({ desk: z.string().trim().min(1).max(100) }).strict(),
  z
    .object({
      authors: z
        .array(z.object({ name: z.string().trim().min(1).max(100), userId: rowId.nullable().default(null) }))
        .min(1)
        .max(10),
    })
    .strict(),
]);

/** The most agency reports a story credits (its `sources`). The wire desk merges further
 *  reports of the same event without crediting each (src/wire/ingest.ts, `withSource`). */
export const MAX_ARTICLE_SOURCES = 100;

/** What a person (or the wire desk) says an article is. State and the facts derived from what
 *  happened (status, schedule, review, edits, embargo, holds) are not part of it: only the
 *  lifecycle commands set those. */
export const articleInput = z
  .object({
    kind: z.enum(articleKinds),
    headline: z.string().trim().min(1, 'a headline is required').max(300),
    standfirst: z.string().trim().max(1000).default(''),
    body: z.string().max(1_000_000, 'the body is larger than 1 MB').default(''),
    slug: slugSchema(120).optional(),
    datelineCity: z.string().trim().max(100).default(''),
    byline: bylineSchema.default({ desk: 'News Desk' }),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
      .default('en'),
    /** Edition slug; the default edition when absent. */
    edition: z.string().max(80).optional(),
    countries: z
      .array(z.string().regex(/^[A-Za-z]{2}$/, 'use ISO 3166-1 alpha-2 codes'))
      .max(30)
      .default([]),
    sectors: z.array(z.string().max(80)).max(15).default([]),
    heroMediaId: rowId.nullable().default(null),
    sources: z
      .array(
        z.object({
          agency: z.string().trim().min(1).max(100),
          itemId: z.string().trim().min(1).max(300),
          version: z.number().int().min(1).max(MAX_ID).default(1),
        }),
      )
      .max(MAX_ARTICLE_SOURCES, `a story credits at most ${MAX_ARTICLE_SOURCES} agency reports`)
      .default([]),
    aiInvolvement: z.enum(aiInvolvements).default('none'),
    createdBy: rowId.nullable().default(null),
  })
  .strict();
export type ArticleInput = z.input<typeof articleInput>;
export type ValidArticle = z.output<typeof articleInput>;

export function validateArticle(input: unknown): ValidArticle {
  const parsed = articleInput.safeParse(input);
  if (!parsed.success) throw fromZod('article', parsed.error);
  return parsed.data;
}

/** The input that would recreate an article as it is, for merging a partial change onto it. */
export function inputOf(a: Article): ArticleInput {
  return {
    kind: a.kind,
    headline: a.headline,
    standfirst: a.standfirst,
    body: a.body,
    slug: a.slug,
    datelineCity: a.datelineCity,
    byline: a.byline,
    language: a.language,
    edition: undefined,
    countries: a.countries,
    sectors: a.sectors,
    heroMediaId: a.hero?.id ?? null,
    sources: a.sources,
    aiInvolvement: a.aiInvolvement,
    createdBy: a.createdBy,
  };
}

// ── Revisions ───────────────────────────────────────────────────────────────

export interface Revision {
  id: number;
  articleId: number;
  articleVersion: number;
  createdAt: IsoTime;
  userId: number | null;
  actor: string;
  summary: string;
  snapshot: Article;
}

export async function listRevisions(db: DB, articleId: number): Promise<Revision[]> {
  const rows = await db.selectFrom('article_revisions').selectAll().where('article_id', '=', articleId).orderBy('id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    articleVersion: r.article_version,
    createdAt: r.created_at,
    userId: r.user_id,
    actor: r.actor,
    summary: r.summary,
    snapshot: JSON.parse(r.snapshot) as Article,
  }));
}

// ── Reads ───────────────────────────────────────────────────────────────────

export async function getArticle(db: DB, id: number): Promise<Article | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [article] = await hydrate(db, [row]);
  return { ...article!, body: row.body };
}

type ArticleRow = Omit<Selectable<ArticlesTable>, 'body'>;

/** Summaries of the given articles, by id (any status; unknown ids are absent). */
export async function summariesByIds(db: DB, ids: readonly number[]): Promise<Map<number, ArticleSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .select([...summaryColumns])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map((await hydrate(db, rows)).map((a) => [a.id, a]));
}

const summaryColumns = [
  'id',
  'slug',
  'kind',
  'status',
  'headline',
  'standfirst',
  'dateline_city',
  'byline_desk',
  'language',
  'edition_id',
  'hero_media_id',
  'ai_involvement',
  'human_reviewed',
  'version',
  'created_at',
  'updated_at',
  'published_at',
  'scheduled_for',
  'created_by',
  'embargo_until',
  'agency_hold',
  'human_edited',
  'published_via',
  'derived_from',
  'status_reason',
] as const;

/** One row of any of a story's links (authors, sectors, countries, agency sources), in one shape. */
interface LinkRow {
  article_id: number;
  link: number;
  text1: string;
  text2: string | null;
  number1: number | null;
}
const AUTHOR = 1;
const SECTOR = 2;
const COUNTRY = 3;
const SOURCE = 4;

/** Every link of the given stories in one statement (UNION ALL of the four link tables), in order. */
async function linksOf(db: DB, ids: number[]): Promise<LinkRow[]> {
  const list = sql.join(ids);
  const { rows } = await sql<LinkRow>`
    select article_id, ${sql.lit(AUTHOR)} as link, position, name as text1, cast(null as text) as text2, user_id as number1 from article_authors where article_id in (${list})
    union all
    select l.article_id, ${sql.lit(SECTOR)}, l.position, s.slug, cast(null as text), cast(null as integer) from article_sectors l join sectors s on s.id = l.sector_id where l.article_id in (${list})
    union all
    select article_id, ${sql.lit(COUNTRY)}, position, country_code, cast(null as text), cast(null as integer) from article_countries where article_id in (${list})
    union all
    select article_id, ${sql.lit(SOURCE)}, position, agency, item_id, item_version from article_sources where article_id in (${list})
    order by 2, 1, 3`.execute(db);
  return rows;
}

/** Turns rows into summaries, loading every link of all of them in one statement and their pictures in another. */
async function hydrate(db: DB, rows: ArticleRow[]): Promise<ArticleSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [links, media] = await Promise.all([
    linksOf(db, ids),
    getMediaByIds(
      db,
      rows.flatMap((r) => (r.hero_media_id ? [r.hero_media_id] : [])),
    ),
  ]);
  const grouped = new Map<string, LinkRow[]>();
  for (const l of links) {
    const key = `${l.article_id}:${l.link}`;
    const list = grouped.get(key);
    if (list) list.push(l);
    else grouped.set(key, [l]);
  }
  const of = (id: number, link: number) => grouped.get(`${id}:${link}`) ?? [];
  const authorsOf = { get: (id: number) => of(id, AUTHOR).map((a) => ({ name: a.text1, user_id: a.number1 === null ? null : Number(a.number1) })) };
  const sectorsOf = { get: (id: number) => of(id, SECTOR).map((x) => ({ slug: x.text1 })) };
  const countriesOf = { get: (id: number) => of(id, COUNTRY).map((x) => ({ country_code: x.text1 })) };
  const sourcesOf = { get: (id: number) => of(id, SOURCE).map((x) => ({ agency: x.text1, item_id: x.text2!, item_version: Number(x.number1) })) };
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    kind: r.kind as ArticleKind,
    status: r.status as ArticleStatus,
    headline: r.headline,
    standfirst: r.standfirst,
    datelineCity: r.dateline_city,
    byline: r.byline_desk !== null ? { desk: r.byline_desk } : { authors: (authorsOf.get(r.id) ?? []).map((a) => ({ name: a.name, userId: a.user_id })) },
    language: r.language,
    editionId: r.edition_id,
    countries: (countriesOf.get(r.id) ?? []).map((c) => c.country_code),
    sectors: (sectorsOf.get(r.id) ?? []).map((s) => s.slug),
    hero: r.hero_media_id ? (media.get(r.hero_media_id) ?? null) : null,
    sources: (sourcesOf.get(r.id) ?? []).map((s) => ({ agency: s.agency, itemId: s.item_id, version: s.item_version })),
    aiInvolvement: r.ai_involvement as AiInvolvement,
    humanReviewed: Boolean(r.human_reviewed),
    humanEdited: Boolean(r.human_edited),
    publishedVia: r.published_via as ArticleSummary['publishedVia'],
    embargoUntil: r.embargo_until,
    agencyHold: r.agency_hold,
    derivedFrom: r.derived_from,
    statusReason: r.status_reason,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
    scheduledFor: r.scheduled_for,
    createdBy: r.created_by,
  }));
}

// ── Listings (keyset pagination) ────────────────────────────────────────────

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

// ── Counts ──────────────────────────────────────────────────────────────────

export async function countArticles(db: DB, status?: ArticleStatus): Promise<number> {
  let q = db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n'));
  if (status) q = q.where('status', '=', status);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function countArticlesBy(db: DB): Promise<{ status: ArticleStatus; kind: ArticleKind; count: number }[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['status', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['status', 'kind'])
    .execute();
  return rows.map((r) => ({ status: r.status as ArticleStatus, kind: r.kind as ArticleKind, count: Number(r.n) }));
}

/** Countries tagged on at least one published article. */
export async function countCountriesInUse(db: DB): Promise<number> {
  const row = await db
    .selectFrom('article_countries')
    .select((eb) => eb.fn.count<number>('country_code').distinct().as('n'))
    .where('listed_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The countries tagged on at least one published article, with how many each has. */
export async function listCountriesInUse(db: DB): Promise<{ code: string; stories: number }[]> {
  const rows = await db
    .selectFrom('article_countries')
    .select((eb) => ['country_code', eb.fn.countAll<number>().as('n')])
    .where('listed_at', 'is not', null)
    .groupBy('country_code')
    .execute();
  return rows.map((r) => ({ code: r.country_code, stories: Number(r.n) }));
}

/** Full articles by id, in the order given (any status; unknown ids are absent). */
export async function getArticlesByIds(db: DB, ids: readonly number[]): Promise<Article[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  const summaries = new Map((await hydrate(db, rows)).map((a) => [a.id, a]));
  const bodies = new Map(rows.map((r) => [r.id, r.body]));
  return ids.flatMap((id) => {
    const s = summaries.get(id);
    return s ? [{ ...s, body: bodies.get(id)! }] : [];
  });
}
