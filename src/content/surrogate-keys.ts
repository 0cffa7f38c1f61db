import { createHash } from 'node:crypto';
import type { ArticleSummary, ListQuery } from './articles.js';
import { authorSlugOf } from '../util/slug.js';

/*
 * Surrogate keys: the names of what a public response shows. Each cached page, feed and list
 * records the keys of what it shows; a change announces the keys it touches (events.ts), and
 * only the responses with one of those keys are dropped, here and at the CDN. The same keys go
 * out as `Surrogate-Key` and `Cache-Tag`.
 */

/** Every public response: settings, taxonomy, static pages and the menu show on all of them. */
export const SITE_KEY = 'site';
/** Anything that lists stories of every kind and place: the main front, search, feeds, sitemaps, the API. */
export const STORIES_KEY = 'stories';

/** One story: its page, and every response that links to it. */
export const articleKey = (id: number) => `a${id}`;
export const kindKey = (kind: string) => bounded(`k-${kind}`);
export const editionKey = (editionId: number) => `e${editionId}`;
export const sectorKey = (slug: string) => bounded(`s-${slug}`);
export const countryKey = (code: string) => `c-${code.toUpperCase()}`;
export const authorKey = (slug: string) => bounded(`au-${slug}`);
/** The stories published in a month (UTC, "YYYY-MM"): that month's sitemaps. */
export const monthKey = (month: string) => `m-${month}`;
/** The side blocks of an edition (Trending, Latest, Opinion, Shots): they refresh on their own cadence. */
export const sideKey = (editionId: number) => `side${editionId}`;

/** A key longer than a CDN takes (they allow 1 KB; we keep to 64 characters) is shortened with a hash. */
function bounded(key: string): string {
  if (key.length <= 64 && /^[A-Za-z0-9:_.-]+$/.test(key)) return key;
  const safe = key.replace(/[^A-Za-z0-9:_.-]/g, '').slice(0, 40);
  return `${safe}.${createHash('sha1').update(key).digest('hex').slice(0, 12)}`;
}

/** What a public story appears in: its page and every listing that could show it. */
export function keysOfArticle(a: Pick<ArticleSummary, 'id' | 'kind' | 'editionId' | 'sectors' | 'countries' | 'byline' | 'publishedAt'>): string[] {
  const authors = 'authors' in a.byline ? a.byline.authors.map((p) => authorKey(authorSlugOf(p.name))) : [];
  return [
    articleKey(a.id),
    STORIES_KEY,
    kindKey(a.kind),
    editionKey(a.editionId),
    ...a.sectors.map(sectorKey),
    ...a.countries.map(countryKey),
    ...authors,
    ...(a.publishedAt ? [monthKey(a.publishedAt.slice(0, 7))] : []),
  ];
}

/** The keys a change of a story touches: what it showed in before and shows in after. A story
 *  that was not published and still is not changes nothing the public sees. */
export function keysOfArticleChange(before: ArticleSummary | null, after: ArticleSummary): string[] {
  const keys = new Set<string>();
  if (before?.status === 'published') for (const k of keysOfArticle(before)) keys.add(k);
  if (after.status === 'published') for (const k of keysOfArticle(after)) keys.add(k);
  return [...keys];
}

/**
 * The one key that covers a listing: the most specific filter it has. A listing filtered by
 * several things changes only when a story with each of them changes, so any one of them is
 * enough; the most specific one drops the fewest pages. `editionId` is the listing's edition.
 */
export function keyOfListing(query: Pick<ListQuery, 'kind' | 'sector' | 'country' | 'author'>, editionId?: number): string {
  if (query.author) return authorKey(query.author);
  if (query.country) return countryKey(query.country);
  if (query.sector) return sectorKey(query.sector);
  if (editionId !== undefined) return editionKey(editionId);
  if (typeof query.kind === 'string') return kindKey(query.kind);
  return STORIES_KEY;
}
