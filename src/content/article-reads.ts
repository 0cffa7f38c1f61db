import { sql, type Selectable } from 'kysely';
import type { DB } from '../db/connect.js';
import type { ArticlesTable } from '../db/schema.js';
import type { AiInvolvement, Article, ArticleKind, ArticleStatus, ArticleSummary } from './article-model.js';
import { getMediaByIds } from './media.js';
import type { IsoTime } from './time.js';

// Reading articles: one by id, several by id, their revisions and the counts, and `hydrate`,
// which turns rows into summaries for these and for the listings (content/article-listings.ts).

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

export async function getArticle(db: DB, id: number): Promise<Article | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [article] = await hydrate(db, [row]);
  return { ...article!, body: row.body };
}

export type ArticleRow = Omit<Selectable<ArticlesTable>, 'body'>;

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

export const summaryColumns = [
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
export async function hydrate(db: DB, rows: ArticleRow[]): Promise<ArticleSummary[]> {
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
