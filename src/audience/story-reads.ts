import { CompiledQuery, sql } from 'kysely';
import { toIso } from '../content/time.js';
import { dialectOf, type DB } from '../db/connect.js';
import { hourOf } from './reads.js';

/*
 * Reads per story for the desk: in the last hour, the last 24 hours and since publication, and
 * per story and UTC day for the audience export.
 *
 * Reads live in hourly buckets for 72 hours (article_views) and are then rolled up into UTC days
 * (article_views_daily, rollup.ts). A bucket is in exactly one of the two tables, so a total is
 * the sum over both; the 1 h and 24 h windows lie inside the 72 hours and read only the hourly
 * table. A day can be in both at once (the roll-up moves hours, not whole days): per-day figures
 * add the day row and that day's remaining buckets.
 *
 * "The last N hours" is the same window as the audience dashboard's: the N hourly buckets ending
 * with the current one, so "last hour" is the current clock hour so far (buckets are the finest
 * grain kept).
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface StoryReads {
  lastHour: number;
  last24h: number;
  total: number;
}

export const NO_READS: StoryReads = Object.freeze({ lastHour: 0, last24h: 0, total: 0 });

/** The start of the first hourly bucket of "the last `hours` hours" at `now`. */
export function readsWindowStart(now: Date, hours: number): string {
  return toIso(Date.parse(hourOf(now)) - (hours - 1) * HOUR_MS);
}

/** The most ids one call reads: a page of the article list, or the window sorted by reads. */
export const MAX_STORY_READS_IDS = 500;

function storyReadsQuery(ids: readonly number[], now: Date) {
  const nowIso = now.toISOString();
  const today = nowIso.slice(0, 10);
  const list = sql.join(ids);
  // One statement: both tables read through their (article_id, …) primary keys.
  return sql<{ article_id: number; last_hour: number; last_24h: number; total: number }>`
    select article_id, sum(last_hour) as last_hour, sum(last_24h) as last_24h, sum(total) as total from (
      select article_id,
             sum(case when hour >= ${readsWindowStart(now, 1)} then views else 0 end) as last_hour,
             sum(case when hour >= ${readsWindowStart(now, 24)} then views else 0 end) as last_24h,
             sum(views) as total
        from article_views where article_id in (${list}) and hour <= ${nowIso} group by article_id
      union all
      select article_id, 0, 0, sum(views) from article_views_daily where article_id in (${list}) and day <= ${today} group by article_id
    ) reads group by article_id`;
}

/** Reads of each story (0 for none) at `now`: the current hour, the last 24 hours, in all. */
export async function storyReads(db: DB, articleIds: readonly number[], now: Date): Promise<Map<number, StoryReads>> {
  const ids = [...new Set(articleIds)];
  if (ids.length > MAX_STORY_READS_IDS) throw new RangeError(`storyReads takes at most ${MAX_STORY_READS_IDS} ids, not ${ids.length}`);
  const reads = new Map<number, StoryReads>(ids.map((id) => [id, { ...NO_READS }]));
  if (ids.length === 0) return reads;
  const { rows } = await storyReadsQuery(ids, now).execute(db);
  for (const r of rows) reads.set(Number(r.article_id), { lastHour: Number(r.last_hour), last24h: Number(r.last_24h), total: Number(r.total) });
  return reads;
}

/** One story's reads on one UTC day. */
export interface StoryDayReads {
  articleId: number;
  slug: string;
  headline: string;
  /** "YYYY-MM-DD", UTC. */
  day: string;
  reads: number;
}

/** The longest range of days one export covers. */
export const MAX_EXPORT_DAYS = 366;
export const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a range of UTC days ("YYYY-MM-DD", both included); throws RangeError saying what is wrong. */
export function daysBetween(from: string, to: string): string[] {
  const start = DAY_RE.test(from) ? Date.parse(`${from}T00:00:00.000Z`) : NaN;
  const end = DAY_RE.test(to) ? Date.parse(`${to}T00:00:00.000Z`) : NaN;
  if (!Number.isFinite(start) || toIso(start).slice(0, 10) !== from) throw new RangeError(`"${from}" is not a day (YYYY-MM-DD)`);
  if (!Number.isFinite(end) || toIso(end).slice(0, 10) !== to) throw new RangeError(`"${to}" is not a day (YYYY-MM-DD)`);
  if (end < start) throw new RangeError(`the range ends (${to}) before it starts (${from})`);
  const count = (end - start) / DAY_MS + 1;
  if (count > MAX_EXPORT_DAYS) throw new RangeError(`at most ${MAX_EXPORT_DAYS} days at a time, not ${count}`);
  return Array.from({ length: count }, (_, i) => toIso(start + i * DAY_MS).slice(0, 10));
}

function dayReadsQuery(day: string, afterId: number, limit: number) {
  const start = `${day}T00:00:00.000Z`;
  const end = toIso(Date.parse(start) + DAY_MS);
  // Each part is a range scan: the day rows by (day, article_id) (0023), the buckets by (hour, article_id, views).
  return sql<{ article_id: number; slug: string; headline: string; reads: number }>`
    select r.article_id, a.slug, a.headline, sum(r.views) as reads from (
      select article_id, views from article_views_daily where day = ${day} and article_id > ${afterId}
      union all
      select article_id, views from article_views where hour >= ${start} and hour < ${end} and article_id > ${afterId}
    ) r join articles a on a.id = r.article_id
    group by r.article_id, a.slug, a.headline
    order by r.article_id
    limit ${limit}`;
}

/**
 * Every story's reads per UTC day from `from` to `to` (both included), day by day and by story
 * id within a day, in batches of `batchSize` (keyset on the id): memory holds one batch. Days and
 * stories without reads are left out. A bad range throws RangeError here, before anything is read.
 */
export function readsPerStoryDay(db: DB, range: { from: string; to: string }, batchSize = 1000): AsyncGenerator<StoryDayReads[]> {
  const days = daysBetween(range.from, range.to);
  return (async function* batches() {
    for (const day of days) {
      let afterId = 0;
      for (;;) {
        const { rows } = await dayReadsQuery(day, afterId, batchSize).execute(db);
        if (rows.length === 0) break;
        yield rows.map((r) => ({ articleId: Number(r.article_id), slug: r.slug, headline: r.headline, day, reads: Number(r.reads) }));
        if (rows.length < batchSize) break;
        afterId = Number(rows.at(-1)!.article_id);
      }
    }
  })();
}

/** The plans of both queries, one line per step (EXPLAIN QUERY PLAN / EXPLAIN), for the index tests. */
export async function explainStoryReads(
  db: DB,
  ids: readonly number[],
  now: Date,
  day = now.toISOString().slice(0, 10),
): Promise<{ storyReads: string[]; perDay: string[] }> {
  const prefix = dialectOf(db) === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
  const explain = async (query: { compile(db: DB): CompiledQuery }) => {
    const compiled = query.compile(db);
    const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
    return result.rows.map((r) => String(r.detail ?? r['QUERY PLAN'] ?? JSON.stringify(r)));
  };
  return { storyReads: await explain(storyReadsQuery(ids, now)), perDay: await explain(dayReadsQuery(day, 0, 1000)) };
}
