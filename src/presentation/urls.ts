import type { ArticleKind } from '../content/articles.js';
import { encodeCursor, type Cursor } from '../content/cursor.js';

/** Every public URL shape, in one place. Paths are relative to the site root. */

export const articlePath = (a: { id: number; slug: string }) => `/article/${a.id}-${a.slug}`;
export const sectorPath = (slug: string) => `/sector/${slug}`;
export const countryPath = (slug: string) => `/country/${slug}`;
export const authorPath = (slug: string) => `/author/${slug}`;
/** Every country with stories (the menu lists the busiest few). */
export const countriesPath = '/countries';
export const trendingPath = (editionSlug: string, isDefault: boolean) => (isDefault ? '/trending' : `/edition/${editionSlug}/trending`);
export const editionPath = (slug: string, isDefault = false) => (isDefault ? '/' : `/edition/${slug}`);
export const editionLatestPath = (slug: string) => `/edition/${slug}/latest`;
export const staticPagePath = (slug: string) => `/page/${slug}`;
export const feedbackPath = '/feedback';
/** The feedback form about one page of the site (an article): `/feedback?from=/article/12-x`. */
export const feedbackAboutPath = (from: string) => `${feedbackPath}?from=${encodeURIComponent(from)}`;
export const feedbackThanksPath = '/feedback/thanks';
export const newsletterPath = '/newsletter';
/** The site's PNG icons (site/identity.ts), and the share image for pages without a picture. */
export const iconPath = (size: number) => `/icons/icon-${size}.png`;
export const shareImagePath = '/share-image.png';
export const SHARE_IMAGE = { width: 1200, height: 630 } as const;
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
/** The same image as JPEG, for mail clients that show no WebP (Outlook for Windows). */
export const jpegImagePath = (file: string, width: number) => `/media/${width}/${file}.jpg`;

/** The crops search engines ask for (structured data): 16:9, 4:3 and 1:1, 1200 px wide. */
export const IMAGE_CROPS = { '16x9': [1200, 675], '4x3': [1200, 900], '1x1': [1200, 1200] } as const;
export type ImageCrop = keyof typeof IMAGE_CROPS;
/**
 * A crop's version: the focal point it is cut around, to the thousandth as the cut uses it, or
 * 'auto' when none is set (sharp picks the busiest part). It is part of the crop's address, so
 * moving the point gives the crop a new address and no cache can keep the old cut under it.
 */
export const cropVersion = (focal: { x: number; y: number } | null) => (focal ? `f${Math.round(focal.x * 1000)}-${Math.round(focal.y * 1000)}` : 'auto');
/** A crop's version in its address: `<file>~<version>.webp` (site/routes.tsx reads it back). */
export const CROP_VERSION_SUFFIX = /^(.+)~(f\d{1,4}-\d{1,4}|auto)$/;
export const cropPath = (image: { file: string; focal: { x: number; y: number } | null }, crop: ImageCrop) =>
  `/media/${IMAGE_CROPS[crop].join('x')}/${image.file}~${cropVersion(image.focal)}.webp`;

export const assetPath = (name: string) => `/assets/${name}`;

export const absoluteUrl = (siteUrl: string, path: string) => `${siteUrl}${path.startsWith('/') ? path : `/${path}`}`;

// ── Feeds, sitemaps, robots ──────────────────────────────────────────────────

/** The RSS feed of a listing page: `/rss.xml` for the site, `/opinion/rss.xml`, `/sector/x/rss.xml`… */
export const rssPath = (listingPath = '/') => `${listingPath === '/' ? '' : listingPath}/rss.xml`;
export const atomPath = '/atom.xml';
export const jsonFeedPath = '/feed.json';

export const sitemapIndexPath = '/sitemap.xml';
export const newsSitemapPath = '/news-sitemap.xml';
export const pagesSitemapPath = '/sitemaps/pages.xml';
/** One month of articles ("2026-11"); a month of more than 50,000 articles continues in parts 2, 3… */
export const articleSitemapPath = (month: string, part = 1) => `/sitemaps/articles-${month}${part > 1 ? `-${part}` : ''}.xml`;
/** The inverse of articleSitemapPath, for the file name after /sitemaps/; null when it is not one. */
export function parseArticleSitemapName(name: string): { month: string; part: number } | null {
  const m = /^articles-([1-9]\d{3})-(0[1-9]|1[0-2])(?:-([2-9]|[1-9]\d{1,3}))?\.xml$/.exec(name);
  return m ? { month: `${m[1]}-${m[2]}`, part: m[3] ? Number(m[3]) : 1 } : null;
}

export const robotsPath = '/robots.txt';

// ── The items API (IPTC ninjs) ────────────────────────────────────────────

export const apiBasePath = '/api/v1';
export const apiItemsPath = `${apiBasePath}/items`;
export const apiItemPath = (id: number) => `${apiItemsPath}/${id}`;

/** Counting reads: where the article page's beacon goes, and the pixel for readers without JavaScript. */
export const viewsBeaconPath = `${apiBasePath}/views`;
export const viewPixelPath = (articleId: number) => `${viewsBeaconPath}/${articleId}.gif`;

/** The newsroom's area (kept out of search engines). */
export { NEWSROOM as newsroomPath } from './desk-urls.js';

/** Root-relative href and src attributes made absolute, so the HTML works in a feed reader.
 *  Bodies are sanitised HTML, whose attribute values are always double-quoted and escaped. */
export function absolutizeLinks(html: string, siteUrl: string): string {
  return html.replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(/(\s(?:href|src)=")\/(?!\/)/g, (_m, lead: string) => `${lead}${absoluteUrl(siteUrl, '/')}`));
}
