import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { articleKinds, type ArticleKind } from '../content/articles.js';
import { findAuthor } from '../content/authors.js';
import { nowIso } from '../content/time.js';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { kindLabels } from '../presentation/presenters.js';
import {
  absoluteUrl,
  assetPath,
  atomPath,
  authorPath,
  countryPath,
  iconPath,
  editionPath,
  jsonFeedPath,
  kindListingPath,
  newsroomPath,
  newsSitemapPath,
  robotsPath,
  rssPath,
  searchPath,
  sectorPath,
  sitemapIndexPath,
} from '../presentation/urls.js';
import { feedItemOf, feedUpdated, renderAtom, renderJsonFeed, renderRss, type Feed } from './feeds.js';
import { onContentChanged } from '../content/events.js';
import { keyOfListing } from '../content/surrogate-keys.js';
import { tagResponse } from '../cache/plugin.js';
import { ttlMemo } from '../util/memo.js';
import { latestPublishedWithBodies, type PublishedFilter } from './queries.js';
import { sitemapRoutes } from './sitemap-routes.js';
import { logFailure, referenceOf } from '../ops/failures.js';

const FEED_CACHE = 'public, max-age=300, stale-while-revalidate=600';
const ROBOTS_CACHE = 'public, max-age=3600';
/** How many articles each feed carries. */
export const FEED_SIZE = 50;
/** How long a built feed is reused in this process (the HTTP caches keep it longer). */
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

/** Feeds (RSS, Atom, JSON Feed), sitemaps (sitemap-routes.ts) and robots.txt. */
export const syndicationRoutes: FastifyPluginAsync<{ config: Config; store: Store; sitemapPartSize?: number }> = async (
  app,
  { config, store, sitemapPartSize },
) => {
  const db = store.db;
  const directory = app.directory;
  const abs = (p: string) => absoluteUrl(config.siteUrl, p);
  const rendered = ttlMemo<string | null>(MEMO_TTL_MS);
  // A publication or a settings change empties it.
  const stopListening = onContentChanged(() => rendered.clear());
  app.addHook('onClose', async () => stopListening());

  function send(reply: FastifyReply, type: string, body: string | null, cacheControl = FEED_CACHE) {
    if (body === null) return notFound(reply);
    return reply.code(200).type(type).header('cache-control', cacheControl).send(body);
  }

  function notFound(reply: FastifyReply) {
    return reply.code(404).type(TYPES.text).header('cache-control', 'no-store').send('Not found');
  }

  app.setErrorHandler(async (error, request, reply) => {
    const status = logFailure(request, error, 'syndication request failed', reply);
    return reply
      .code(status)
      .type(TYPES.text)
      .header('cache-control', 'no-store')
      .send(status === 404 ? 'Not found' : status >= 500 ? `Something went wrong. ${referenceOf(request)}` : 'Bad request');
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
    return rss(
      reply,
      dir,
      listingSpec(dir, country.name, countryPath(country.slug), { country: country.code }, { language: (edition ?? dir.defaultEdition).locale }),
    );
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

  await app.register(sitemapRoutes, { config, store, partSize: sitemapPartSize });

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
