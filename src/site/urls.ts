import type { ArticleKind } from '../content/articles.js';
import { encodeCursor, type Cursor } from '../content/cursor.js';

/** Every public URL shape, in one place. Paths are relative to the site root. */

export const articlePath = (a: { id: number; slug: string }) => `/article/${a.id}-${a.slug}`;
export const sectorPath = (slug: string) => `/sector/${slug}`;
export const countryPath = (slug: string) => `/country/${slug}`;
export const editionPath = (slug: string, isDefault = false) => (isDefault ? '/' : `/edition/${slug}`);
export const editionLatestPath = (slug: string) => `/edition/${slug}/latest`;
export const staticPagePath = (slug: string) => `/page/${slug}`;
export const searchPath = (q?: string) => (q ? `/search?q=${encodeURIComponent(q)}` : '/search');

/** The listing of one kind of article. */
export const kindListingPath: Record<ArticleKind, string> = {
  news: '/latest',
  opinion: '/opinion',
  blog: '/blog',
  interview: '/interview',
  shot: '/shots',
};

/** A listing page with a keyset cursor: ?before= for older stories, ?after= for newer. */
export function pagedPath(base: string, direction: 'before' | 'after', cursor: Cursor): string {
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}${direction}=${encodeCursor(cursor)}`;
}

/** A derived image of a stored original, `width` pixels wide, in WebP. */
export const imagePath = (file: string, width: number) => `/media/${width}/${file}.webp`;

export const assetPath = (name: string) => `/assets/${name}`;

export const absoluteUrl = (siteUrl: string, path: string) => `${siteUrl}${path.startsWith('/') ? path : `/${path}`}`;
