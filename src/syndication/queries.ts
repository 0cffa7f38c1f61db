import { getArticlesByIds, listArticles, type Article, type ListQuery } from '../content/articles.js';
import type { IsoTime } from '../content/time.js';
import type { DB } from '../db/connect.js';

/* The reads the feeds and sitemaps need, on top of the content domain's functions. */

/** Filters a feed or sitemap may use: published articles only, so no status or paging. */
export type PublishedFilter = Pick<ListQuery, 'kind' | 'sector' | 'edition' | 'country' | 'author' | 'from' | 'to'>;

/** The newest `limit` published articles matching `filter`, with their bodies. */
export async function latestPublishedWithBodies(db: DB, filter: PublishedFilter, limit: number): Promise<Article[]> {
  const page = await listArticles(db, { ...filter, status: 'published', limit });
  // An article taken down between the two reads is left out.
  return (
    await getArticlesByIds(
      db,
      page.items.map((a) => a.id),
    )
  ).filter((a) => a.status === 'published');
}

/** The time the newest published article matching `filter` last changed; null when none. */
export async function newestChange(db: DB, filter: PublishedFilter): Promise<IsoTime | null> {
  const { items } = await listArticles(db, { ...filter, status: 'published', limit: 1 });
  const a = items[0];
  return a ? (a.updatedAt > (a.publishedAt ?? '') ? a.updatedAt : a.publishedAt) : null;
}
