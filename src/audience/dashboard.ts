import { toIso } from '../content/time.js';
import type { DB } from '../db/connect.js';
import { HOURLY_KEPT_HOURS, hourOf, totalReads, trendingScores } from './reads.js';
import { summariesByIds, type ArticleSummary } from '../content/articles.js';

/** What the desk's audience dashboard shows: hour by hour from the hourly view buckets (the last
 *  72 hours; older ones are rolled up into days), totals from both. */

function withinHourly(hours: number): number {
  if (!Number.isSafeInteger(hours) || hours < 1 || hours > HOURLY_KEPT_HOURS)
    throw new RangeError(`Reads are kept by the hour for ${HOURLY_KEPT_HOURS} hours; asked for ${hours}`);
  return hours;
}

export interface HourlyReads {
  /** Start of the hour, ISO UTC. */
  hour: string;
  views: number;
}

/** Reads per hour for the last `hours` hours, every hour present (0 when nobody read). */
export async function readsPerHour(db: DB, hours = 48, now = new Date()): Promise<HourlyReads[]> {
  withinHourly(hours);
  const last = Date.parse(hourOf(now));
  const first = last - (hours - 1) * 3_600_000;
  const rows = await db
    .selectFrom('article_views')
    .select(['hour', (eb) => eb.fn.sum<number>('views').as('views')])
    .where('hour', '>=', toIso(first))
    .groupBy('hour')
    .execute();
  const byHour = new Map(rows.map((r) => [new Date(r.hour).toISOString(), Number(r.views)]));
  return Array.from({ length: hours }, (_, i) => {
    const hour = new Date(first + i * 3_600_000).toISOString();
    return { hour, views: byHour.get(hour) ?? 0 };
  });
}

export interface ReadsBy {
  key: string;
  label: string;
  views: number;
}

/** Reads in the last `hours` by the story's edition, main sector and main country. */
export async function readsByGroup(
  db: DB,
  hours = 24,
  now = new Date(),
  limit = 12,
): Promise<{ editions: ReadsBy[]; sectors: ReadsBy[]; countries: ReadsBy[] }> {
  withinHourly(hours);
  const since = toIso(Date.parse(hourOf(now)) - (hours - 1) * 3_600_000);
  const recent = db.selectFrom('article_views as v').where('v.hour', '>=', since);
  const [editions, sectors, countries] = await Promise.all([
    recent
      .innerJoin('articles as a', 'a.id', 'v.article_id')
      .innerJoin('editions as e', 'e.id', 'a.edition_id')
      .select(['e.slug as key', 'e.name as label', (eb) => eb.fn.sum<number>('v.views').as('views')])
      .groupBy(['e.slug', 'e.name'])
      .orderBy('views', 'desc')
      .limit(limit)
      .execute(),
    recent
      .innerJoin('article_sectors as s', (j) => j.onRef('s.article_id', '=', 'v.article_id').on('s.position', '=', 0))
      .innerJoin('sectors as sec', 'sec.id', 's.sector_id')
      .select(['sec.slug as key', 'sec.name as label', (eb) => eb.fn.sum<number>('v.views').as('views')])
      .groupBy(['sec.slug', 'sec.name'])
      .orderBy('views', 'desc')
      .limit(limit)
      .execute(),
    recent
      .innerJoin('article_countries as c', (j) => j.onRef('c.article_id', '=', 'v.article_id').on('c.position', '=', 0))
      .innerJoin('countries as co', 'co.code', 'c.country_code')
      .select(['co.code as key', 'co.name as label', (eb) => eb.fn.sum<number>('v.views').as('views')])
      .groupBy(['co.code', 'co.name'])
      .orderBy('views', 'desc')
      .limit(limit)
      .execute(),
  ]);
  const numbers = (rows: { key: string; label: string; views: number }[]) => rows.map((r) => ({ key: r.key, label: r.label, views: Number(r.views) }));
  return { editions: numbers(editions), sectors: numbers(sectors), countries: numbers(countries) };
}

/** The stories read most right now (Trending's score), with their reads in the last 24 hours and in all. */
export async function topStoriesNow(
  db: DB,
  limit = 10,
  now = new Date(),
): Promise<{ story: ArticleSummary; score: number; reads24h: number; readsTotal: number }[]> {
  const scores = await trendingScores(db, { limit, now });
  if (scores.length === 0) return [];
  const ids = scores.map((s) => s.articleId);
  const since = toIso(Date.parse(hourOf(now)) - 23 * 3_600_000);
  const [stories, totals, reads] = await Promise.all([
    summariesByIds(db, ids),
    totalReads(db, ids),
    db
      .selectFrom('article_views')
      .select(['article_id', (eb) => eb.fn.sum<number>('views').as('views')])
      .where('article_id', 'in', ids)
      .where('hour', '>=', since)
      .groupBy('article_id')
      .execute(),
  ]);
  const readsById = new Map(reads.map((r) => [r.article_id, Number(r.views)]));
  return scores.flatMap((s) => {
    const story = stories.get(s.articleId);
    return story ? [{ story, score: Math.round(s.score * 10) / 10, reads24h: readsById.get(s.articleId) ?? 0, readsTotal: totals.get(s.articleId) ?? 0 }] : [];
  });
}
