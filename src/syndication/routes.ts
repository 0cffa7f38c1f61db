import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { articleKinds, publishedMonths, type ArticleKind, type ArticleSummary } from '../content/articles.js';
import { findAuthor } from '../content/authors.js';
import { listPages } from '../content/pages.js';
import { nowIso } from '../content/time.js';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';
import type { Directory } from '../site/directory.js';
import { kindLabels } from '../site/presenters.js';
import {
  absoluteUrl,
  articlePath,
  articleSitemapPath,
  assetPath,
  atomPath,
  authorPath,
  countriesPath,
  countryPath,
  iconPath,
  editionPath,
  imagePath,
  jsonFeedPath,
  kindListingPath,
  newsroomPath,
  newsSitemapPath,
  pagesSitemapPath,
  parseArticleSitemapName,
  robotsPath,
  rssPath,
  searchPath,
  sectorPath,
  sitemapIndexPath,
  staticPagePath,
} from '../site/urls.js';
import { FEED_IMAGE_WIDTH, feedItemOf, feedUpdated, renderAtom, renderJsonFeed, renderRss, type Feed } from './feeds.js';
import { onContentChanged } from '../content/events.js';
import { keyOfListing } from '../content/surrogate-keys.js';
import { tagResponse } from '../cache/plugin.js';
import { ttlMemo } from '../util/memo.js';
import { latestPublishedWithBodies, monthRange, newestChange, publishedSlice, type PublishedFilter } from './queries.js';
import {
  MAX_NEWS_URLS,
  MAX_SITEMAP_URLS,
  NEWS_WINDOW_MS,
  later,
  newsLanguage,
  renderNewsUrlset,
  renderSitemapIndex,
  renderUrlset,
  type SitemapRef,
  type SitemapUrl,
} from './sitemaps.js';

const FEED_CACHE = 'public, max-age=300, stale-while-revalidate=600';
const ROBOTS_CACHE = 'public, max-age=3600';
/** How many articles each feed carries. */
export const FEED_SIZE = 50;
/** How long a built feed or sitemap is reused in this process (the HTTP caches keep it longer). */
const MEMO_TTL_MS = 30_000;

const TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
} as const;

/** What a feed follows: a listing page and the filter that makes it. */
interface FeedSpec {
  title: string;
  listingPath: string;
  description: string;
  language: string;
  filter: PublishedFilter;
}

const listingTitle = (kind: ArticleKind) => (kind === 'news' ? 'Latest News' : kind === 'interview' ? 'Interviews' : kindLabels[kind]);

/** Feeds (RSS, Atom, JSON Feed), sitemaps and robots.txt. */
export const syndicationRoutes: FastifyPluginAsync<{ config: Config; store: Store }> = async (app, { config, store }) => {
  const db = store.db;
  const directory = app.directory;
  const abs = (p: string) => absoluteUrl(config.siteUrl, p);
  const rendered = ttlMemo<string | null>(MEMO_TTL_MS);
  const pageUrls = ttlMemo<SitemapUrl[]>(MEMO_TTL_MS, 1);
  // A publication or a settings change empties both at once.
  const stopListening = onContentChanged(() => {
    rendered.clear();
    pageUrls.clear();
  });
  app.addHook('onClose', async () => stopListening());

  function send(reply: FastifyReply, type: string, body: string | null, cacheControl = FEED_CACHE) {
    if (body === null) return notFound(reply);
    return reply.code(200).type(type).header('cache-control', cacheControl).send(body);
  }

  function notFound(reply: FastifyReply) {
    return reply.code(404).type(TYPES.text).header('cache-control', 'no-store').send('Not found');
  }

  app.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'syndication request failed');
    return reply.code(status).type(TYPES.text).header('cache-control', 'no-store').send(status === 404 ? 'Not found' : 'Something went wrong');
  });

  // ── Feeds ────────────────────────────────────────────────────────────────

  function siteSpec(dir: Directory): FeedSpec {
    const s = dir.settings;
    return { title: s.siteName, listingPath: '/', description: s.tagline || `Latest news from ${s.siteName}`, language: dir.defaultEdition.locale, filter: {} };
  }

  function listingSpec(dir: Directory, title: string, listingPath: string, filter: PublishedFilter, extra: Partial<FeedSpec> = {}): FeedSpec {
    const siteName = dir.settings.siteName;
    return {
      title: `${siteName}: ${title}`,
      listingPath,
      description: `${title}: the latest stories from ${siteName}.`,
      language: dir.defaultEdition.locale,
      filter,
      ...extra,
    };
  }

  async function buildFeed(dir: Directory, spec: FeedSpec): Promise<Feed> {
    const articles = await latestPublishedWithBodies(db, spec.filter, FEED_SIZE);
    const items = articles.map((a) => feedItemOf(a, dir, config.siteUrl));
    return {
      title: spec.title,
      homeUrl: abs(spec.listingPath),
      description: spec.description,
      language: spec.language,
      updated: feedUpdated(items, nowIso()),
      publisher: dir.settings.publisherName,
      iconUrl: abs(assetPath('favicon.svg')),
      imageUrl: abs(iconPath(144)),
      // Only the feeds the hub is told about name it (listing feeds are many, and unannounced).
      hub: spec.listingPath === '/' ? config.websubHub : null,
      items,
    };
  }

  async function rss(reply: FastifyReply, dir: Directory, spec: FeedSpec) {
    const self = abs(rssPath(spec.listingPath));
    const body = await rendered(`rss ${self}`, async () => renderRss(await buildFeed(dir, spec), self));
    tagResponse(reply, keyOfListing(spec.filter, spec.filter.edition ? dir.editionBySlug.get(spec.filter.edition)?.id : undefined));
    return send(reply, TYPES.rss, body);
  }

  app.get(rssPath('/'), async (_request, reply) => {
    const dir = await directory.get();
    return rss(reply, dir, siteSpec(dir));
  });

  for (const kind of articleKinds) {
    if (kind === 'news') continue; // the news listing's feed is the site's (see the listing pages)
    const listingPath = kindListingPath[kind];
    app.get(rssPath(listingPath), async (_request, reply) => {
      const dir = await directory.get();
      return rss(reply, dir, listingSpec(dir, listingTitle(kind), listingPath, { kind }));
    });
  }

  app.get<{ Params: { slug: string } }>(rssPath(sectorPath(':slug')), async (request, reply) => {
    const dir = await directory.get();
    const sector = dir.sectorBySlug.get(request.params.slug);
    if (!sector) return notFound(reply);
    const extra = sector.description ? { description: sector.description } : {};
    return rss(reply, dir, listingSpec(dir, sector.name, sectorPath(sector.slug), { sector: sector.slug }, extra));
  });

  app.get<{ Params: { slug: string } }>(rssPath(authorPath(':slug')), async (request, reply) => {
    const author = /^[a-z0-9-]{1,80}$/.test(request.params.slug) ? await findAuthor(db, request.params.slug) : null;
    if (!author) return notFound(reply);
    const dir = await directory.get();
    return rss(reply, dir, listingSpec(dir, author.name, authorPath(author.slug), { author: author.slug }, author.bio ? { description: author.bio } : {}));
  });

  app.get<{ Params: { slug: string } }>(rssPath(countryPath(':slug')), async (request, reply) => {
    const dir = await directory.get();
    const country = dir.countryBySlug.get(request.params.slug);
    if (!country) return notFound(reply);
    const edition = country.editionId ? dir.editionById.get(country.editionId) : undefined;
    return rss(reply, dir, listingSpec(dir, country.name, countryPath(country.slug), { country: country.code }, { language: (edition ?? dir.defaultEdition).locale }));
  });

  app.get<{ Params: { slug: string } }>(rssPath(editionPath(':slug')), async (request, reply) => {
    const dir = await directory.get();
    const edition = dir.editionBySlug.get(request.params.slug);
    if (!edition) return notFound(reply);
    // The default edition's front page is the site's: so is its feed.
    if (edition.isDefault) return reply.redirect(rssPath('/'), 301);
    return rss(reply, dir, listingSpec(dir, `${edition.name} edition`, editionPath(edition.slug), { edition: edition.slug }, { language: edition.locale }));
  });

  app.get(atomPath, async (_request, reply) => {
    const dir = await directory.get();
    const self = abs(atomPath);
    const body = await rendered('atom', async () => renderAtom(await buildFeed(dir, siteSpec(dir)), self));
    return send(reply, TYPES.atom, body);
  });

  app.get(jsonFeedPath, async (_request, reply) => {
    const dir = await directory.get();
    const self = abs(jsonFeedPath);
    const body = await rendered('json', async () => renderJsonFeed(await buildFeed(dir, siteSpec(dir)), self));
    return send(reply, TYPES.json, body);
  });

  // ── Sitemaps ─────────────────────────────────────────────────────────────

  /** Front pages, listings with stories, and the static pages. */
  function pagesUrls(dir: Directory): Promise<SitemapUrl[]> {
    return pageUrls('pages', async () => {
      const listings: { path: string; filter: PublishedFilter; always: boolean }[] = [
        { path: '/', filter: {}, always: true },
        ...dir.editions.filter((e) => !e.isDefault).map((e) => ({ path: editionPath(e.slug), filter: { edition: e.slug }, always: true })),
        ...articleKinds.map((kind) => ({ path: kindListingPath[kind], filter: { kind }, always: false })),
        ...dir.sectors.map((s) => ({ path: sectorPath(s.slug), filter: { sector: s.slug }, always: false })),
        ...dir.countriesInUse.map((c) => ({ path: countryPath(c.slug), filter: { country: c.code }, always: false })),
        { path: countriesPath, filter: {}, always: false },
      ];
      const [changes, pages] = await Promise.all([Promise.all(listings.map((l) => newestChange(db, l.filter))), listPages(db)]);
      return [
        ...listings.flatMap((l, i) => (changes[i] || l.always ? [{ loc: abs(l.path), lastmod: changes[i] ?? null, images: [] }] : [])),
        ...pages.map((p) => ({ loc: abs(staticPagePath(p.slug)), lastmod: p.updatedAt, images: [] })),
      ];
    });
  }

  const heroImage = (a: ArticleSummary) => (a.hero ? [abs(imagePath(a.hero.file, FEED_IMAGE_WIDTH))] : []);

  app.get(sitemapIndexPath, async (_request, reply) => {
    const dir = await directory.get();
    const body = await rendered('sitemap-index', async () => {
      const [pages, months] = await Promise.all([pagesUrls(dir), publishedMonths(db)]);
      const refs: SitemapRef[] = [
        { loc: abs(pagesSitemapPath), lastmod: pages.reduce<string | null>((max, u) => later(max, u.lastmod), null) },
        ...months.flatMap((m) =>
          Array.from({ length: Math.ceil(m.count / MAX_SITEMAP_URLS) }, (_, i) => ({ loc: abs(articleSitemapPath(m.month, i + 1)), lastmod: m.lastModified })),
        ),
      ];
      return renderSitemapIndex(refs);
    });
    return send(reply, TYPES.xml, body);
  });

  app.get(pagesSitemapPath, async (_request, reply) => {
    const dir = await directory.get();
    return send(reply, TYPES.xml, renderUrlset(await pagesUrls(dir)));
  });

  app.get<{ Params: { name: string } }>('/sitemaps/:name', async (request, reply) => {
    const wanted = parseArticleSitemapName(request.params.name);
    if (!wanted) return notFound(reply);
    const body = await rendered(`month ${wanted.month} ${wanted.part}`, async () => {
      const items = await publishedSlice(db, monthRange(wanted.month), (wanted.part - 1) * MAX_SITEMAP_URLS, MAX_SITEMAP_URLS);
      if (items.length === 0) return null;
      return renderUrlset(items.map((a) => ({ loc: abs(articlePath(a)), lastmod: a.updatedAt, images: heroImage(a) })));
    });
    return send(reply, TYPES.xml, body);
  });

  app.get(newsSitemapPath, async (_request, reply) => {
    const dir = await directory.get();
    const body = await rendered('news', async () => {
      const from = new Date(Date.now() - NEWS_WINDOW_MS).toISOString();
      const items = await publishedSlice(db, { from }, 0, MAX_NEWS_URLS);
      return renderNewsUrlset(
        items.map((a) => ({
          loc: abs(articlePath(a)),
          publicationName: dir.settings.siteName,
          language: newsLanguage(a.language),
          publicationDate: a.publishedAt ?? a.updatedAt,
          title: a.headline,
        })),
      );
    });
    return send(reply, TYPES.xml, body);
  });

  // ── robots.txt ───────────────────────────────────────────────────────────

  app.get(robotsPath, async (_request, reply) => {
    const lines = [
      'User-agent: *',
      'Allow: /',
      `Disallow: ${searchPath()}`,
      `Disallow: ${newsroomPath}`,
      '',
      `Sitemap: ${abs(sitemapIndexPath)}`,
      `Sitemap: ${abs(newsSitemapPath)}`,
      '',
    ];
    return send(reply, TYPES.text, lines.join('\n'), ROBOTS_CACHE);
  });
};
