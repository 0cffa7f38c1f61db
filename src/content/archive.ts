import { CompiledQuery, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { Cursor } from './cursor.js';
import { toIso, type IsoTime } from './time.js';
import { LATEST_TIME_MS, storableIso } from '../util/bounds.js';

/*
 * The published archive by month, as the sitemaps list it: which months have stories, each
 * month cut into parts of at most `partSize` stories in publication order (oldest first, so new
 * stories go at the end of the last part and earlier parts keep their contents), and a part's
 * stories read in bounded batches. Every read is one range of the index
 * articles_status_published (status, published_at, id): counting a part and finding its latest
 * change, finding where a part begins (an OFFSET over the index), reading its rows (keyset over
 * (published_at, id)). On SQLite the index also carries updated_at, hero_media_id and slug
 * (migration 0021), so none of them touches the table; PostgreSQL reads the rows from the heap.
 */

/** One sitemap's worth of a month: its number (from 1), how many stories, their latest change,
 *  and where it begins (its first story's key, for reading it without counting up to it again). */
export interface ArchivePart {
  month: string;
  part: number;
  count: number;
  lastModified: IsoTime;
  start: Cursor;
}

/** What a sitemap says of a story. */
export interface ArchiveEntry {
  id: number;
  slug: string;
  updatedAt: IsoTime;
  /** The lead picture's file, if it has one. */
  heroFile: string | null;
}

/** The [from, to) range of a month "YYYY-MM", in UTC. */
export function monthRange(month: string): { from: IsoTime; to: IsoTime } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  // December 9999 ends in the year 10000, which neither database reads as a time: it ends at the
  // last instant they hold instead (src/util/bounds.ts).
  return { from: new Date(Date.UTC(year, mon - 1, 1)).toISOString(), to: storableIso(Date.UTC(year, mon, 1)) ?? new Date(LATEST_TIME_MS).toISOString() };
}

/** The month "YYYY-MM" (UTC) of a time. */
export const monthOf = (at: IsoTime): string => toIso(at).slice(0, 7);

/** Lets other work run between two batches: on SQLite every query holds the event loop while it runs. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Published stories of a month, from `key` on and before `end` when given (keys in the month).
 * Each key bounds the range twice: as a (published_at, id) pair, exact, and by its time alone,
 * which is what the planners estimate well and begin or end the range at; and the month's own
 * bound is left out where a key replaces it (offered both, SQLite took the month's start or
 * end and filtered its way to the key, PostgreSQL judged a row comparison's share badly).
 */
function inMonth(
  db: DB,
  month: string,
  key: Cursor | null = null,
  inclusive = true,
  end: Cursor | null = null,
): SelectQueryBuilder<Database, 'articles', object> {
  const { from, to } = monthRange(month);
  let q = db.selectFrom('articles').where('articles.status', '=', 'published');
  q = key
    ? q
        .where('articles.published_at', '>=', key.at)
        .where((eb) => eb(eb.refTuple('articles.published_at', 'articles.id'), inclusive ? '>=' : '>', eb.tuple(key.at, key.id)))
    : q.where('articles.published_at', '>=', from);
  return end
    ? q.where('articles.published_at', '<=', end.at).where((eb) => eb(eb.refTuple('articles.published_at', 'articles.id'), '<', eb.tuple(end.at, end.id)))
    : q.where('articles.published_at', '<', to);
}

/** Where the story `skip` places on from `start` (inclusive) in the month is. */
const startQuery = (db: DB, month: string, start: Cursor | null, skip: number) =>
  inMonth(db, month, start).select(['articles.published_at', 'articles.id']).orderBy('articles.published_at').orderBy('articles.id').limit(1).offset(skip);

/** How many stories of the month from `start` (inclusive) up to `end` (exclusive), and their latest change. */
function countQuery(db: DB, month: string, start: Cursor | null, end: Cursor | null) {
  return inMonth(db, month, start, true, end).select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('articles.updated_at').as('last')]);
}

/** A batch of a part: the next `limit` stories from `after`. */
const batchQuery = (db: DB, month: string, after: Cursor, inclusive: boolean, limit: number) =>
  inMonth(db, month, after, inclusive)
    .leftJoin('media', 'media.id', 'articles.hero_media_id')
    .select(['articles.id', 'articles.slug', 'articles.updated_at', 'articles.published_at', 'media.file'])
    .orderBy('articles.published_at')
    .orderBy('articles.id')
    .limit(limit);

/** The key of the story `skip` places on from `start` (inclusive) in the month; null past its end. */
async function keyAfter(db: DB, month: string, start: Cursor | null, skip: number): Promise<Cursor | null> {
  const row = await startQuery(db, month, start, skip).executeTakeFirst();
  return row?.published_at ? { at: row.published_at, id: row.id } : null;
}

/** Months (UTC, "YYYY-MM") with published stories, newest first: one index seek per month. */
export async function publishedMonths(db: DB): Promise<string[]> {
  const months: string[] = [];
  let before: IsoTime | null = null;
  for (;;) {
    let q = db.selectFrom('articles').select('published_at').where('status', '=', 'published').where('published_at', 'is not', null);
    if (before) q = q.where('published_at', '<', before);
    const row = await q.orderBy('published_at', 'desc').limit(1).executeTakeFirst();
    if (!row?.published_at) return months;
    const month = monthOf(row.published_at);
    months.push(month);
    before = monthRange(month).from;
  }
}

/** The parts of a month, each of at most `partSize` stories, with their counts and latest
 *  change; none when the month has no published story. Reads the month's index range about
 *  twice (where each part ends, then its count and latest change), a part at a time. */
export async function monthParts(db: DB, month: string, partSize: number): Promise<ArchivePart[]> {
  const size = checkedSize(partSize);
  const parts: ArchivePart[] = [];
  let start = await keyAfter(db, month, null, 0);
  for (let part = 1; start; part++) {
    const next = await keyAfter(db, month, start, size);
    const row = await countQuery(db, month, start, next).executeTakeFirstOrThrow();
    const count = Number(row.n);
    if (count === 0) return parts;
    parts.push({ month, part, count, lastModified: toIso(row.last), start });
    start = next;
    if (start) await breathe();
  }
  return parts;
}

/**
 * The stories of part `part` of `month` (parts of `partSize`, as monthParts cuts them), in
 * batches of at most `batchSize`: nothing when the part is past the month's end. Only one
 * batch is held at a time. Where the part begins is found by skipping the parts before it on
 * the index, unless `start` (from monthParts) says.
 */
export async function* archivePart(
  db: DB,
  month: string,
  part: number,
  partSize: number,
  options: { batchSize?: number; start?: Cursor } = {},
): AsyncGenerator<ArchiveEntry[]> {
  const size = checkedSize(partSize);
  const batchSize = options.batchSize ?? 1_000;
  if (!Number.isSafeInteger(part) || part < 1) return;
  const start = options.start ?? (await keyAfter(db, month, null, (part - 1) * size));
  if (!start) return;
  let after: Cursor = start;
  let inclusive = true;
  for (let left = size; left > 0;) {
    const rows = await batchQuery(db, month, after, inclusive, Math.min(batchSize, left)).execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({ id: r.id, slug: r.slug, updatedAt: r.updated_at, heroFile: r.file ?? null }));
    const last = rows.at(-1)!;
    if (rows.length < Math.min(batchSize, left)) return;
    left -= rows.length;
    after = { at: last.published_at!, id: last.id };
    inclusive = false;
    await breathe();
  }
}

/** What the news sitemap says of a story. */
export interface RecentEntry {
  id: number;
  slug: string;
  headline: string;
  language: string;
  publishedAt: IsoTime;
}

/** The newest published stories since `since`, at most `limit`, newest first (one index range). */
export async function recentlyPublished(db: DB, since: IsoTime, limit: number): Promise<RecentEntry[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline', 'language', 'published_at'])
    .where('status', '=', 'published')
    .where('published_at', '>=', toIso(since))
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, headline: r.headline, language: r.language, publishedAt: r.published_at! }));
}

function checkedSize(partSize: number): number {
  if (!Number.isSafeInteger(partSize) || partSize < 1) throw new RangeError(`A sitemap part holds at least one story, not ${partSize}`);
  return partSize;
}

/** The plans of the archive's reads (for the index tests, and for operators checking a slow
 *  sitemap), one line per step: counting a part, finding where one begins, reading a batch. */
export async function explainArchive(db: DB, dialect: 'sqlite' | 'postgres', month: string): Promise<Record<'count' | 'start' | 'batch', string[]>> {
  const key = { at: monthRange(month).from, id: 1 };
  const end = { at: monthRange(month).to, id: 1 };
  const queries = { count: countQuery(db, month, key, end), start: startQuery(db, month, key, 1_000), batch: batchQuery(db, month, key, false, 1_000) };
  const prefix = dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
  const plans = await Promise.all(
    Object.values(queries).map(async (q) => {
      const compiled = q.compile();
      const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
      return result.rows.map((r) => String(r.detail ?? r['QUERY PLAN'] ?? JSON.stringify(r)));
    }),
  );
  return { count: plans[0]!, start: plans[1]!, batch: plans[2]! };
}
