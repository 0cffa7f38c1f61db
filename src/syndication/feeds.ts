import type { Article } from '../content/articles.js';
import type { IsoTime } from '../content/time.js';
import type { Directory } from '../content/directory.js';
import { bylineNames, captionFor, disclosureFor } from '../presentation/presenters.js';
import { absoluteUrl, absolutizeLinks, articlePath, countryPath, imagePath, jpegImagePath, sectorPath } from '../presentation/urls.js';
import { XML_DECLARATION, cdata, element, escapeXml, textElement } from './xml.js';

/** Feeds: one model (Feed), written out as RSS 2.0, Atom 1.0 and JSON Feed 1.1. */

/** The derived image width feeds point at. */
export const FEED_IMAGE_WIDTH = 1280;

export interface FeedImage {
  url: string;
  type: 'image/webp';
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
}

export interface FeedItem {
  /** The canonical article URL, also the item's permanent id. */
  url: string;
  title: string;
  summary: string;
  /** Body HTML (links made absolute), then the sources line and the AI disclosure. */
  contentHtml: string;
  published: IsoTime;
  updated: IsoTime;
  /** Each author, or the desk. */
  authors: string[];
  /** "A, B and C", or the desk. */
  byline: string;
  /** The agencies whose copy the story is built from. */
  agencies: readonly string[];
  categories: { label: string; url: string }[];
  image: FeedImage | null;
  /** The lead image as JPEG, for RSS <enclosure> (readers that show no WebP). */
  enclosure: { url: string; type: string } | null;
  language: string;
}

export interface Feed {
  title: string;
  /** The HTML page the feed follows. */
  homeUrl: string;
  description: string;
  language: string;
  updated: IsoTime;
  publisher: string;
  iconUrl: string;
  /** The channel image (RSS <image>: at most 144 px wide). */
  imageUrl?: string;
  /** A WebSub hub the feed announces (WEBSUB_HUB), or none. */
  hub?: string | null;
  items: FeedItem[];
}

// ── Presenting articles ─────────────────────────────────────────────────────

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function feedItemOf(a: Article, dir: Directory, siteUrl: string): FeedItem {
  const abs = (p: string) => absoluteUrl(siteUrl, p);
  const { credit, note, facts } = disclosureFor(a, dir);
  const notes = [credit, note].flatMap((n) => (n ? [`<p><em>${escapeHtml(n)}</em></p>`] : []));
  const hero = a.hero;
  const width = hero ? Math.min(FEED_IMAGE_WIDTH, hero.width) : 0;
  return {
    url: abs(articlePath(a)),
    title: a.headline,
    summary: a.standfirst,
    contentHtml: [absolutizeLinks(a.body, siteUrl), ...notes].filter(Boolean).join('\n'),
    published: a.publishedAt ?? a.createdAt,
    updated: a.updatedAt,
    authors: 'desk' in a.byline ? [a.byline.desk] : a.byline.authors.map((x) => x.name),
    byline: bylineNames(a.byline),
    agencies: facts.agencies,
    categories: [
      ...a.sectors.flatMap((slug) => {
        const s = dir.sectorBySlug.get(slug);
        return s ? [{ label: s.name, url: abs(sectorPath(s.slug)) }] : [];
      }),
      ...a.countries.flatMap((code) => {
        const c = dir.countryByCode.get(code);
        return c ? [{ label: c.name, url: abs(countryPath(c.slug)) }] : [];
      }),
    ],
    enclosure: hero ? { url: abs(jpegImagePath(hero.file, FEED_IMAGE_WIDTH)), type: 'image/jpeg' } : null,
    image: hero
      ? {
          url: abs(imagePath(hero.file, FEED_IMAGE_WIDTH)),
          type: 'image/webp',
          width,
          height: Math.round((width * hero.height) / hero.width),
          alt: hero.altText,
          caption: captionFor(hero),
          credit: hero.credit,
        }
      : null,
    language: a.language,
  };
}

/** When the feed last changed: its newest item change, else `fallback`. */
export function feedUpdated(items: FeedItem[], fallback: IsoTime): IsoTime {
  return items.reduce<IsoTime | null>((max, it) => (max === null || it.updated > max ? it.updated : max), null) ?? fallback;
}

// ── RSS 2.0 ─────────────────────────────────────────────────────────────────

/** RFC 822 date-time ("Sun, 29 Nov 2026 16:35:41 GMT"). */
export const rfc822 = (iso: IsoTime) => new Date(iso).toUTCString();

function mediaContent(image: FeedImage): string {
  return element(
    'media:content',
    { url: image.url, type: image.type, medium: 'image', width: image.width, height: image.height },
    textElement('media:description', image.caption, { type: 'plain' }) + (image.credit ? textElement('media:credit', image.credit) : ''),
  );
}

export function renderRss(feed: Feed, selfUrl: string): string {
  const items = feed.items.map((it) =>
    element(
      'item',
      {},
      [
        textElement('title', it.title),
        textElement('link', it.url),
        textElement('guid', it.url, { isPermaLink: 'true' }),
        textElement('pubDate', rfc822(it.published)),
        // RSS readers treat the description as HTML: the plain-text standfirst is escaped for
        // HTML here, and for XML by textElement.
        textElement('description', escapeHtml(it.summary)),
        it.contentHtml ? element('content:encoded', {}, cdata(it.contentHtml)) : '',
        it.byline ? textElement('dc:creator', it.byline) : '',
        // The agencies whose copy the story is built from, each by name.
        ...it.agencies.map((name) => textElement('dc:contributor', name)),
        ...it.categories.map((c) => textElement('category', c.label, { domain: c.url })),
        it.image ? mediaContent(it.image) : '',
        // Length unknown until first derived: 0, as the RSS Best Practices Profile says.
        it.enclosure ? element('enclosure', { url: it.enclosure.url, length: 0, type: it.enclosure.type }) : '',
      ].join(''),
    ),
  );
  const channel = [
    textElement('title', feed.title),
    textElement('link', feed.homeUrl),
    textElement('description', feed.description),
    textElement('language', feed.language),
    textElement('lastBuildDate', rfc822(feed.updated)),
    element('atom:link', { href: selfUrl, rel: 'self', type: 'application/rss+xml' }),
    feed.hub ? element('atom:link', { href: feed.hub, rel: 'hub' }) : '',
    feed.imageUrl
      ? element(
          'image',
          {},
          textElement('url', feed.imageUrl) +
            textElement('title', feed.title) +
            textElement('link', feed.homeUrl) +
            textElement('width', '144') +
            textElement('height', '144'),
        )
      : '',
    ...items,
  ].join('\n');
  return (
    XML_DECLARATION +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">\n' +
    `<channel>\n${channel}\n</channel>\n</rss>\n`
  );
}

// ── Atom 1.0 ────────────────────────────────────────────────────────────────

const person = (name: string) => element('author', {}, textElement('name', name));

export function renderAtom(feed: Feed, selfUrl: string): string {
  const entries = feed.items.map((it) =>
    element(
      'entry',
      {},
      [
        textElement('id', it.url),
        textElement('title', it.title, { type: 'text' }),
        element('link', { rel: 'alternate', type: 'text/html', href: it.url }),
        textElement('published', it.published),
        textElement('updated', it.updated),
        ...it.authors.map(person),
        it.summary ? textElement('summary', it.summary, { type: 'text' }) : '',
        it.contentHtml ? textElement('content', it.contentHtml, { type: 'html' }) : '',
        ...it.categories.map((c) => element('category', { term: c.label })),
        it.image ? mediaContent(it.image) : '',
      ].join(''),
    ),
  );
  const head = [
    textElement('id', feed.homeUrl),
    textElement('title', feed.title, { type: 'text' }),
    feed.description ? textElement('subtitle', feed.description, { type: 'text' }) : '',
    textElement('updated', feed.updated),
    element('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl }),
    element('link', { rel: 'self', type: 'application/atom+xml', href: selfUrl }),
    feed.hub ? element('link', { rel: 'hub', href: feed.hub }) : '',
    person(feed.publisher),
    textElement('icon', feed.iconUrl),
    ...entries,
  ].filter(Boolean);
  return (
    XML_DECLARATION +
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="${escapeXml(feed.language)}">\n` +
    `${head.join('\n')}\n</feed>\n`
  );
}

// ── JSON Feed 1.1 ───────────────────────────────────────────────────────────

export function renderJsonFeed(feed: Feed, selfUrl: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: selfUrl,
    description: feed.description,
    language: feed.language,
    favicon: feed.iconUrl,
    ...(feed.imageUrl ? { icon: feed.imageUrl } : {}),
    ...(feed.hub ? { hubs: [{ type: 'WebSub', url: feed.hub }] } : {}),
    authors: [{ name: feed.publisher }],
    items: feed.items.map((it) => ({
      id: it.url,
      url: it.url,
      title: it.title,
      ...(it.summary ? { summary: it.summary } : {}),
      content_html: it.contentHtml,
      ...(it.image ? { image: it.image.url } : {}),
      date_published: it.published,
      date_modified: it.updated,
      authors: it.authors.map((name) => ({ name })),
      tags: it.categories.map((c) => c.label),
      language: it.language,
    })),
  });
}
