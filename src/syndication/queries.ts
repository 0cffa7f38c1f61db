import { getArticlesByIds, listArticles, MAX_PAGE_SIZE, type Article, type ArticleSummary, type ListQuery } from '../content/articles.js';
import type { Cursor } from '../content/cursor.js';
import type { IsoTime } from '../content/time.js';
import type { DB } from '../db/connect.js';

/* The reads the feeds and sitemaps need, on top of the content domain's functions. */

/** Filters a feed or sitemap may use: published articles only, so no status or paging. */
export type PublishedFilter = Pick<ListQuery, 'kind' | 'sector' | 'edition' | 'country' | 'author' | 'from' | 'to'>;

/** The newest `limit` published articles matching `filter`, with their bodies. */
export async function latestPublishedWithBodies(db: DB, filter: PublishedFilter, limit: number): Promise<Article[]> {
  const page = await listArticles(db, { ...filter, status: 'published', limit });
  // An article taken down between the two reads is left out.
  return (await getArticlesByIds(db, page.items.map((a) => a.id))).filter((a) => a.status === 'published');
}

/** Every published article matching `filter`, newest first by publication time, a page of at
 *  most MAX_PAGE_SIZE at a time (keyset pagination, so each page is one index range scan). */
export async function* eachPublishedPage(db: DB, filter: PublishedFilter): AsyncGenerator<ArticleSummary[]> {
  let before: Cursor | null = null;
  do {
    const page = await listArticles(db, { ...filter, status: 'published', limit: MAX_PAGE_SIZE, before });
    if (page.items.length) yield page.items;
    before = page.older;
  } while (before);
}

/** Up to `max` published articles matching `filter`, newest first, after skipping `skip`. */
export async function publishedSlice(db: DB, filter: PublishedFilter, skip: number, max: number): Promise<ArticleSummary[]> {
  const out: ArticleSummary[] = [];
  let seen = 0;
  for await (const page of eachPublishedPage(db, filter)) {
    for (const a of page) {
      if (seen++ < skip) continue;
      out.push(a);
      if (out.length >= max) return out;
    }
  }
  return out;
}


/** The [from, to) range of a month "YYYY-MM", in UTC. */
export function monthRange(month: string): { from: IsoTime; to: IsoTime } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(year, mon - 1, 1)).toISOString(), to: new Date(Date.UTC(year, mon, 1)).toISOString() };
}

/** The time the newest published article matching `filter` last changed; null when none. */
export async function newestChange(db: DB, filter: PublishedFilter): Promise<IsoTime | null> {
  const { items } = await listArticles(db, { ...filter, status: 'published', limit: 1 });
  const a = items[0];
  return a ? (a.updatedAt > (a.publishedAt ?? '') ? a.updatedAt : a.publishedAt) : null;
}
