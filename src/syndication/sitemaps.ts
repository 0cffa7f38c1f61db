import type { IsoTime } from '../content/time.js';
import { XML_DECLARATION, element, textElement } from './xml.js';

/** Sitemaps (sitemaps.org 0.9) with the Google image and news extensions. */

/** Most URLs one sitemap file may list, and its largest size (uncompressed), per sitemaps.org. */
export const MAX_SITEMAP_URLS = 50_000;
export const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;
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

const urlElement = (u: SitemapUrl) =>
  element(
    'url',
    {},
    textElement('loc', u.loc) + lastmod(u.lastmod) + u.images.map((src) => element('image:image', {}, textElement('image:loc', src))).join(''),
  );
const URLSET_OPEN = `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}" xmlns:image="${IMAGE_NS}">\n`;
const URLSET_CLOSE = '</urlset>\n';

export function renderUrlset(urls: SitemapUrl[]): string {
  return `${URLSET_OPEN}${urls.slice(0, MAX_SITEMAP_URLS).map(urlElement).join('\n')}\n${URLSET_CLOSE}`;
}

/**
 * A urlset written as it is read: the opening, then one chunk per batch of URLs, then the
 * closing, so no more than one batch is held as objects. Refuses to go past MAX_SITEMAP_URLS
 * or MAX_SITEMAP_BYTES (the caller cuts its sitemaps smaller than that).
 */
export async function* urlsetChunks(batches: AsyncIterable<SitemapUrl[]>): AsyncGenerator<string> {
  let urls = 0;
  let bytes = Buffer.byteLength(URLSET_OPEN) + URLSET_CLOSE.length;
  yield URLSET_OPEN;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    const chunk = `${batch.map(urlElement).join('\n')}\n`;
    urls += batch.length;
    bytes += Buffer.byteLength(chunk);
    if (urls > MAX_SITEMAP_URLS || bytes > MAX_SITEMAP_BYTES)
      throw new RangeError(`A sitemap may hold ${MAX_SITEMAP_URLS} URLs and ${MAX_SITEMAP_BYTES} bytes; this one would hold more`);
    yield chunk;
  }
  yield URLSET_CLOSE;
}

export function renderNewsUrlset(urls: NewsUrl[]): string {
  const body = urls
    .slice(0, MAX_NEWS_URLS)
    .map((u) =>
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
