import type { IsoTime } from '../content/time.js';
import { XML_DECLARATION, element, textElement } from './xml.js';

/** Sitemaps (sitemaps.org 0.9) with the Google image and news extensions. */

/** Most URLs one sitemap file may list. */
export const MAX_SITEMAP_URLS = 50_000;
/** Most articles a Google News sitemap may list, and how far back it reaches. */
export const MAX_NEWS_URLS = 1_000;
export const NEWS_WINDOW_MS = 48 * 3600_000;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

export interface SitemapRef {
  loc: string;
  lastmod: IsoTime | null;
}

export interface SitemapUrl {
  loc: string;
  lastmod: IsoTime | null;
  images: string[];
}

export interface NewsUrl {
  loc: string;
  publicationName: string;
  language: string;
  publicationDate: IsoTime;
  title: string;
}

const lastmod = (t: IsoTime | null) => (t ? textElement('lastmod', t) : '');

export function renderSitemapIndex(refs: SitemapRef[]): string {
  const body = refs.slice(0, MAX_SITEMAP_URLS).map((r) => element('sitemap', {}, textElement('loc', r.loc) + lastmod(r.lastmod)));
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">\n${body.join('\n')}\n</sitemapindex>\n`;
}

export function renderUrlset(urls: SitemapUrl[]): string {
  const body = urls.slice(0, MAX_SITEMAP_URLS).map((u) =>
    element(
      'url',
      {},
      textElement('loc', u.loc) + lastmod(u.lastmod) + u.images.map((src) => element('image:image', {}, textElement('image:loc', src))).join(''),
    ),
  );
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}" xmlns:image="${IMAGE_NS}">\n${body.join('\n')}\n</urlset>\n`;
}

export function renderNewsUrlset(urls: NewsUrl[]): string {
  const body = urls.slice(0, MAX_NEWS_URLS).map((u) =>
    element(
      'url',
      {},
      textElement('loc', u.loc) +
        element(
          'news:news',
          {},
          element('news:publication', {}, textElement('news:name', u.publicationName) + textElement('news:language', u.language)) +
            textElement('news:publication_date', u.publicationDate) +
            textElement('news:title', u.title),
        ),
    ),
  );
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n${body.join('\n')}\n</urlset>\n`;
}

/** Google News wants an ISO 639 language code, with zh-cn and zh-tw for Chinese. */
export function newsLanguage(language: string): string {
  const tag = language.toLowerCase();
  if (/^zh-(tw|hk|mo|hant)/.test(tag)) return 'zh-tw';
  if (tag.startsWith('zh')) return 'zh-cn';
  return tag.split('-')[0] ?? tag;
}

/** The later of two times, either of which may be missing. */
export function later(a: IsoTime | null, b: IsoTime | null): IsoTime | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
