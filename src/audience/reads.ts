import { sql } from 'kysely';
import { summariesByIds, type ArticleSummary } from '../content/articles.js';
import { toIso } from '../content/time.js';
import { dialectOf, type DB } from '../db/connect.js';

/*
 * Reads per article in hourly buckets, and Trending computed from them:
 * score = Σ views × 2^(−age / half-life) over the last 72 hours, where age is the bucket's age
 * in hours. Buckets older than that are rolled up into days (rollup.ts, article_views_daily):
 * Trending and the hour-by-hour figures read only the hourly table; a story's total reads both.
 */

export const TRENDING_WINDOW_HOURS = 72;
/** How long reads stay in hourly buckets before the roll-up moves them into days. */
export const HOURLY_KEPT_HOURS = TRENDING_WINDOW_HOURS;
export const DEFAULT_HALF_LIFE_HOURS = 6;

/** The start of the UTC hour that `at` falls in. */
export function hourOf(at: Date | string): string {
  const d = new Date(at);
  d.setUTCMinutes(0, 0, 0);
  return d.toISOString();
}

/** Adds reads to their hour buckets (one statement per bucket; safe with several writers). */
export async function addViews(db: DB, entries: { articleId: number; at: Date | string; views: number }[]): Promise<void> {
  const merged = new Map<string, { article_id: number; hour: string; views: number }>();
  for (const e of entries) {
    if (!Number.isSafeInteger(e.views) || e.views <= 0) continue;
    const hour = hourOf(e.at);
    const key = `${e.articleId}|${hour}`;
    const row = merged.get(key) ?? { article_id: e.articleId, hour, views: 0 };
    row.views += e.views;
    merged.set(key, row);
  }
  const rows = [...merged.values()];
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('article_views')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['article_id', 'hour']).doUpdateSet((eb) => ({ views: sql`${eb.ref('article_views.views')} + ${eb.ref('excluded.views')}` })),
      )
      .execute();
  }
}

/** Every read counted for each story, hourly buckets and rolled-up days together (0 for none). */
export async function totalReads(db: DB, articleIds: readonly number[]): Promise<Map<number, number>> {
  const ids = [...new Set(articleIds)];
  const totals = new Map(ids.map((id) => [id, 0]));
  if (ids.length === 0) return totals;
  const { rows } = await sql<{ article_id: number; views: number }>`
    select article_id, sum(views) as views from (
      select article_id, views from article_views where article_id in (${sql.join(ids)})
      union all
      select article_id, views from article_views_daily where article_id in (${sql.join(ids)})
    ) reads group by article_id`.execute(db);
  for (const r of rows) totals.set(Number(r.article_id), Number(r.views));
  return totals;
}

export interface TrendingOptions {
  /** Only stories of this edition (by id); site-wide when absent. */
  editionId?: number;
  limit?: number;
  halfLifeHours?: number;
  now?: Date;
  /** Ids to leave out (already shown). */
  exclude?: number[];
}

/** Article ids with their decayed-view scores, highest first. */
export async function trendingScores(db: DB, options: TrendingOptions = {}): Promise<{ articleId: number; score: number }[]> {
  const now = options.now ?? new Date();
  const halfLife = options.halfLifeHours ?? DEFAULT_HALF_LIFE_HOURS;
  const since = toIso(now.getTime() - TRENDING_WINDOW_HOURS * 3_600_000);
  const nowIso = now.toISOString();
  const weight =
    dialectOf(db) === 'sqlite'
      ? sql`pow(2.0, -((julianday(${nowIso}) - julianday(v.hour)) * 24.0) / ${halfLife})`
      : sql`power(2.0, -(extract(epoch from (cast(${nowIso} as timestamptz) - v.hour)) / 3600.0) / ${halfLife})`;
  const edition = options.editionId !== undefined ? sql`and a.edition_id = ${options.editionId}` : sql``;
  const exclude = options.exclude?.length ? sql`and a.id not in (${sql.join(options.exclude)})` : sql``;
  const { rows } = await sql<{ article_id: number; score: number }>`
    select v.article_id, sum(v.views * ${weight}) as score
    from article_views v join articles a on a.id = v.article_id
    where v.hour >= ${since} and v.hour <= ${nowIso} and a.status = 'published' ${edition} ${exclude}
    group by v.article_id
    order by score desc, v.article_id desc
    limit ${options.limit ?? 4}`.execute(db);
  return rows.map((r) => ({ articleId: Number(r.article_id), score: Number(r.score) }));
}

/** The most-read published stories right now: the edition's first, topped up from the whole
 *  site when the edition has too few. */
export async function trendingArticles(db: DB, options: TrendingOptions = {}): Promise<ArticleSummary[]> {
  const limit = options.limit ?? 4;
  const scores = await trendingScores(db, { ...options, limit });
  if (scores.length < limit && options.editionId !== undefined) {
    const more = await trendingScores(db, {
      ...options,
      editionId: undefined,
      limit: limit - scores.length,
      exclude: [...(options.exclude ?? []), ...scores.map((s) => s.articleId)],
    });
    scores.push(...more);
  }
  const byId = await summariesByIds(
    db,
    scores.map((s) => s.articleId),
  );
  return scores.flatMap((s) => byId.get(s.articleId) ?? []);
}
