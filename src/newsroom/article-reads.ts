import { z } from 'zod';
import { listArticles, MAX_PAGE_SIZE, type ArticleSummary, type ListQuery } from '../content/articles.js';
import { encodeCursor, type Cursor } from '../content/cursor.js';
import { fromZod } from '../content/errors.js';
import { NO_READS, storyReads, type StoryReads } from '../audience/story-reads.js';
import type { DB } from '../db/connect.js';
import type { ReadsOrderModel } from './reads-views.js';

/*
 * The article list with each story's reads, sorted by recency (keyset pages, as before) or by
 * reads. Reads change every second and live in other tables, so a sort by them cannot walk an
 * index: it sorts a bounded window instead, the SORT_WINDOW most recent stories of the list as
 * filtered (one keyset page of the list), and pages through that window by offset. The window
 * itself pages by keyset ("older stories" moves to the next window).
 */

export const READ_SORTS = ['recent', 'hour', '24h', 'total'] as const;
export type ReadSort = (typeof READ_SORTS)[number];
export const READ_SORT_LABELS: Record<ReadSort, string> = { recent: 'Most recent', hour: 'Reads this hour', '24h': 'Reads in 24 hours', total: 'Reads in all' };
export const SORT_WINDOW = MAX_PAGE_SIZE;
export const LIST_PAGE_SIZE = 30;
const WINDOW_PAGES = Math.ceil(SORT_WINDOW / LIST_PAGE_SIZE);

const sortInput = z.object({
  sort: z.enum(READ_SORTS, { error: `one of ${READ_SORTS.join(', ')}` }).default('recent'),
  page: z
    .string({ error: 'a page number, given once' })
    .regex(/^\d{1,3}$/, `a page number from 1 to ${WINDOW_PAGES}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= WINDOW_PAGES, `a page number from 1 to ${WINDOW_PAGES}`)
    .default(1),
});
export type ListSorting = z.output<typeof sortInput>;

/** The list's `sort` and `page` parameters; a bad value is a ValidationError naming it. */
export function listSortingOf(query: Record<string, unknown>): ListSorting {
  const parsed = sortInput.safeParse({ sort: query.sort, page: query.page });
  if (!parsed.success) throw fromZod('list order', parsed.error);
  return parsed.data;
}

export interface ReadsListing {
  items: ArticleSummary[];
  reads: Map<number, StoryReads>;
  /** Keyset cursors: of the list's pages (recent), or of the windows (sorted by reads). */
  older: Cursor | null;
  newer: Cursor | null;
  /** Sorted by reads: the page shown within the window and how many it has. */
  window: { page: number; pages: number; stories: number } | null;
}

const figureOf: Record<Exclude<ReadSort, 'recent'>, (r: StoryReads) => number> = { hour: (r) => r.lastHour, '24h': (r) => r.last24h, total: (r) => r.total };

/** One page of the list with its stories' reads at `now`: two queries for the list, one for the reads. */
export async function listArticlesWithReads(db: DB, query: Omit<ListQuery, 'limit'>, sorting: ListSorting, now: Date): Promise<ReadsListing> {
  if (sorting.sort === 'recent') {
    const page = await listArticles(db, { ...query, limit: LIST_PAGE_SIZE });
    return {
      ...page,
      reads: await storyReads(
        db,
        page.items.map((a) => a.id),
        now,
      ),
      window: null,
    };
  }
  const window = await listArticles(db, { ...query, limit: SORT_WINDOW });
  const reads = await storyReads(
    db,
    window.items.map((a) => a.id),
    now,
  );
  const figure = figureOf[sorting.sort];
  // Array.prototype.sort is stable: equal reads keep the list's order (most recent first).
  const sorted = [...window.items].sort((x, y) => figure(reads.get(y.id) ?? NO_READS) - figure(reads.get(x.id) ?? NO_READS));
  const pages = Math.max(1, Math.ceil(sorted.length / LIST_PAGE_SIZE));
  const page = Math.min(sorting.page, pages);
  const items = sorted.slice((page - 1) * LIST_PAGE_SIZE, page * LIST_PAGE_SIZE);
  return { items, reads, older: window.older, newer: window.newer, window: { page, pages, stories: sorted.length } };
}

/** The list's links, keeping its filters (`params`) and order. */
export function listLinks(path: string, params: URLSearchParams, query: { before?: string; after?: string }, listing: ReadsListing, sorting: ListSorting) {
  const href = (set: Record<string, string>) => {
    const p = new URLSearchParams(params);
    if (sorting.sort !== 'recent') p.set('sort', sorting.sort);
    for (const [k, v] of Object.entries(set)) p.set(k, v);
    return `${path}${p.size ? `?${p}` : ''}`;
  };
  const cursor = (c: Cursor | null, dir: 'before' | 'after') => (c ? href({ [dir]: encodeCursor(c) }) : null);
  const w = listing.window;
  // Pages within a window keep the window's own cursor.
  const here: Record<string, string> = query.before ? { before: query.before } : query.after ? { after: query.after } : {};
  return {
    olderHref: cursor(listing.older, 'before'),
    newerHref: cursor(listing.newer, 'after'),
    previousPageHref: w && w.page > 1 ? href({ ...here, page: String(w.page - 1) }) : null,
    nextPageHref: w && w.page < w.pages ? href({ ...here, page: String(w.page + 1) }) : null,
  };
}

/** The order control and, sorted by reads, the note saying what was sorted. */
export function readsOrderOf(sorting: ListSorting, listing: ReadsListing, links: ReturnType<typeof listLinks>): ReadsOrderModel {
  const w = listing.window;
  return {
    value: sorting.sort,
    options: READ_SORTS.map((value) => ({ value, label: READ_SORT_LABELS[value] })),
    note: w
      ? `${READ_SORT_LABELS[sorting.sort]}, among the ${w.stories} most recent stories of this list (page ${w.page} of ${w.pages}); Older goes on to the next ${SORT_WINDOW}.`
      : null,
    previousPageHref: links.previousPageHref,
    nextPageHref: links.nextPageHref,
  };
}
