import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  getArticle,
  listArticleGroups,
  listArticles,
  type ArticleKind,
  type ArticlePage as ArticleList,
  type ArticleSummary,
  type ListQuery,
} from '../content/articles.js';
import { decodeCursor } from '../content/cursor.js';
import { findAuthor } from '../content/authors.js';
import { findPage } from '../content/pages.js';
import { searchArticles, type SearchFilters } from '../content/search.js';
import { listCorrections } from '../content/lifecycle.js';
import type { Edition } from '../content/taxonomy.js';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';
import { onContentChanged } from '../content/events.js';
import { ttlMemo } from '../util/memo.js';
import { tagResponse } from '../cache/plugin.js';
import { countryKey, keyOfListing, sectorKey, sideKey, SITE_KEY, STORIES_KEY } from '../content/surrogate-keys.js';
import type { Directory } from '../content/directory.js';
import { imageRoutes } from './image-routes.js';
import { articleViewOf, cardOf, editionOf, imageView, kindLabels } from '../presentation/presenters.js';
import { frontRoutes } from './front-routes.js';
import { HttpError } from './http-error.js';
import { logFailure, referenceOf } from '../ops/failures.js';
import { idFrom } from '../util/bounds.js';
import { sitePageHtml } from './page.js';
import { shareLinksFor } from './share.js';
import { articleJsonLd, breadcrumbJsonLd } from '../presentation/structured-data.js';
import {
  absoluteUrl,
  articlePath,
  authorPath,
  countriesPath,
  countryPath,
  cropPath,
  IMAGE_CROPS,
  editionLatestPath,
  editionPath,
  kindListingPath,
  pagedPath,
  rssPath,
  searchPath,
  sectorPath,
  staticPagePath,
  viewPixelPath,
  viewsBeaconPath,
} from '../presentation/urls.js';
import type { PageMeta } from './views/layout.js';
import { ArticlePage, CountriesPage, ListingPage, MessagePage, StaticPage, type ListingModel, type SideBlocks } from './views/pages.js';
import { SearchPage } from './views/search.js';

const PAGE_CACHE = 'public, max-age=60, stale-while-revalidate=600';
const SHARED_LISTS_TTL_MS = 10_000;
const IMMUTABLE = 'public, max-age=31536000, immutable';

const primaryLanguage = (tag: string) => tag.split('-')[0]!.toLowerCase();

const listingParams = z.object({ before: z.string().max(100).optional(), after: z.string().max(100).optional() });

/** The public site: front pages, articles, listings, search, static pages, images. */
export const siteRoutes: FastifyPluginAsync<{ config: Config; store: Store }> = async (app, { config, store }) => {
  const db = store.db;
  const directory = app.directory;
  const assets = app.assets;
  const abs = (p: string) => absoluteUrl(config.siteUrl, p);

  function page(reply: FastifyReply, dir: Directory, edition: Edition, meta: PageMeta, body: JSX.Element, status = 200) {
    // Every page points feed readers at a feed: its own, or the site's.
    const html = sitePageHtml(dir, edition, meta, body, { stylesheet: assets.stylesheet, siteUrl: config.siteUrl });
    reply.code(status).type('text/html; charset=utf-8');
    if (status === 200) reply.header('cache-control', PAGE_CACHE);
    else reply.header('cache-control', 'no-store');
    return reply.send(html);
  }

  const cards = (items: ArticleSummary[], dir: Directory) => items.map((a) => cardOf(a, dir));

  // Lists many pages share are kept a few seconds, and dropped at once when content changes.
  // Trending is not kept: reads move it, not publications.
  const shared = ttlMemo<unknown>(SHARED_LISTS_TTL_MS, 50);
  const stopListening = onContentChanged(() => shared.clear());
  app.addHook('onClose', async () => stopListening());
  const keep = <T,>(key: string, make: () => Promise<T>) => shared(key, make) as Promise<T>;
  // Trending and the other side blocks refresh on their own cadence (side-blocks.ts).
  const side = app.sideBlocks;

  async function sideBlocks(reply: FastifyReply, dir: Directory, edition: Edition, exclude: number[] = []): Promise<SideBlocks> {
    const without = (items: ArticleSummary[], n: number) => items.filter((a) => !exclude.includes(a.id)).slice(0, n);
    const lists = await side.get(edition);
    tagResponse(reply, sideKey(edition.id));
    return {
      trending: cards(without(lists.trending, 4), dir),
      opinion: cards(without(lists.opinion, 5), dir),
      shots: cards(without(lists.shots, 4), dir),
      latest: cards(without(lists.latest, 5), dir),
    };
  }

  function cursorsFrom(request: FastifyRequest): Pick<ListQuery, 'before' | 'after'> {
    const q = listingParams.safeParse(request.query);
    if (!q.success) return {};
    return { before: decodeCursor(q.data.before), after: decodeCursor(q.data.after) };
  }

  function pagerLinks(base: string, result: ArticleList) {
    return {
      newerHref: result.newer ? pagedPath(base, 'after', result.newer) : null,
      olderHref: result.older ? pagedPath(base, 'before', result.older) : null,
    };
  }

  // ── Front pages and Trending (front-routes.tsx) ─────────────────────────

  // Not awaited: the child loads after this plugin, so it inherits the error pages set below.
  void app.register(frontRoutes, { config, store, pages: { page, keep, side } });

  // ── Articles ─────────────────────────────────────────────────────────────

  app.get<{ Params: { ref: string } }>('/article/:ref', async (request, reply) => {
    const match = /^(\d{1,12})(?:-(.*))?$/.exec(request.params.ref);
    const id = match ? idFrom(match[1]) : null;
    if (!match || id === null) throw new HttpError(404, 'No such article');
    const article = await getArticle(db, id);
    // Held stories (an agency's legal hold) are simply not there for now; taken-down and killed ones are gone.
    if (!article || !['published', 'unpublished', 'killed'].includes(article.status)) throw new HttpError(404, 'No such article');
    const dir = await directory.get();
    const edition = editionOf(dir, article);
    if (article.status === 'unpublished' || article.status === 'killed') {
      return page(
        reply,
        dir,
        edition,
        { title: 'Story removed', description: 'This story has been removed.', canonical: abs(articlePath(article)), noindex: true },
        <MessagePage
          title="This story has been removed"
          message="The story that was published at this address has been taken down by the newsroom."
          links={[{ label: 'Latest news', href: kindListingPath.news }]}
        />,
        410,
      );
    }
    if (match[2] !== article.slug) return reply.redirect(articlePath(article), 301);

    const [side, related, corrections] = await Promise.all([
      sideBlocks(reply, dir, edition, [article.id]),
      relatedStories(article),
      listCorrections(db, article.id),
    ]);
    // Its related stories are the newest of its main country and sector.
    tagResponse(reply, ...(article.countries[0] ? [countryKey(article.countries[0])] : []), ...(article.sectors[0] ? [sectorKey(article.sectors[0])] : []));
    const view = articleViewOf(article, dir, corrections);
    const canonical = abs(articlePath(article));
    reply.header('last-modified', new Date(article.updatedAt).toUTCString());
    return page(
      reply,
      dir,
      edition,
      {
        title: article.headline,
        description: article.standfirst,
        canonical,
        ogType: 'article',
        // A story in another language than its edition's says so (the edition's own keeps en-IN).
        ...(primaryLanguage(article.language) !== primaryLanguage(edition.locale) ? { lang: article.language } : {}),
        image: article.hero ? abs(cropPath(article.hero, '16x9')) : undefined,
        imageWidth: IMAGE_CROPS['16x9'][0],
        imageHeight: IMAGE_CROPS['16x9'][1],
        imageAlt: view.hero?.alt,
        jsonLd: [articleJsonLd(article, view, dir, config.siteUrl)],
        extraMeta: [
          { property: 'article:published_time', content: view.createdIso },
          { property: 'article:modified_time', content: article.updatedAt },
          ...view.sectors.map((s) => ({ property: 'article:section', content: s.label })),
        ],
        readCounter: { script: assets.counterScript, articleId: article.id, beacon: viewsBeaconPath, pixel: viewPixelPath(article.id) },
      },
      <ArticlePage article={view} side={{ ...side, related: cards(related, dir) }} share={shareLinksFor(abs(articlePath(article)), article.headline)} />,
    );

    async function relatedStories(a: NonNullable<typeof article>): Promise<ArticleSummary[]> {
      const lists = await listArticleGroups(db, [
        ...(a.countries[0] ? [{ country: a.countries[0], limit: 4 }] : []),
        ...(a.sectors[0] ? [{ sector: a.sectors[0], limit: 4 }] : []),
      ]);
      const seen = new Set([a.id]);
      return lists
        .flat()
        .filter((x) => !seen.has(x.id) && seen.add(x.id))
        .slice(0, 5);
    }
  });

  // ── Listings ─────────────────────────────────────────────────────────────

  async function listing(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: {
      base: string;
      title: string;
      intro?: string;
      query: ListQuery;
      edition?: Edition;
      variant?: 'grid' | 'shots';
      crumbs?: { label: string; href: string }[];
      profile?: ListingModel['profile'];
      jsonLd?: object[];
    },
  ) {
    const dir = await directory.get();
    const cursors = cursorsFrom(request);
    const result = await listArticles(db, { ...opts.query, ...cursors, limit: 24 });
    const edition = opts.edition ?? dir.defaultEdition;
    tagResponse(reply, keyOfListing(opts.query, opts.query.edition ? edition.id : undefined));
    const crumbs = [{ label: 'Home', href: '/' }, ...(opts.crumbs ?? []), { label: opts.title, href: opts.base }];
    const paged = Boolean(cursors.before || cursors.after);
    const rssBase = opts.base === kindListingPath.news ? rssPath() : rssPath(opts.base.replace(/\/latest$/, ''));
    return page(
      reply,
      dir,
      edition,
      {
        title: opts.title,
        description: opts.intro ?? `${opts.title}: the latest stories from ${dir.settings.siteName}.`,
        canonical: abs(paged ? request.url : opts.base),
        jsonLd: [breadcrumbJsonLd(crumbs.map((c) => ({ name: c.label, url: abs(c.href) }))), ...(opts.jsonLd ?? [])],
        alternates: [{ type: 'application/rss+xml', title: `${opts.title} RSS`, href: abs(rssBase) }],
      },
      <ListingPage
        model={{
          title: opts.title,
          intro: opts.intro,
          profile: opts.profile,
          breadcrumbs: crumbs,
          cards: cards(result.items, dir),
          variant: opts.variant ?? 'grid',
          ...pagerLinks(opts.base, result),
        }}
      />,
    );
  }

  for (const kind of Object.keys(kindListingPath) as ArticleKind[]) {
    const base = kindListingPath[kind];
    const title = kind === 'news' ? 'Latest News' : kind === 'interview' ? 'Interviews' : kindLabels[kind];
    app.get(base, (request, reply) => listing(request, reply, { base, title, query: { kind }, variant: kind === 'shot' ? 'shots' : 'grid' }));
  }

  app.get<{ Params: { slug: string } }>('/edition/:slug/latest', async (request, reply) => {
    const dir = await directory.get();
    const edition = dir.editionBySlug.get(request.params.slug);
    if (!edition) throw new HttpError(404, 'No such edition');
    return listing(request, reply, {
      base: editionLatestPath(edition.slug),
      title: `Latest News: ${edition.name}`,
      query: { edition: edition.slug, kind: 'news' },
      edition,
      crumbs: [{ label: edition.name, href: editionPath(edition.slug, edition.isDefault) }],
    });
  });

  app.get<{ Params: { slug: string } }>('/sector/:slug', async (request, reply) => {
    const dir = await directory.get();
    const sector = dir.sectorBySlug.get(request.params.slug);
    if (!sector) throw new HttpError(404, 'No such sector');
    return listing(request, reply, { base: sectorPath(sector.slug), title: sector.name, intro: sector.description, query: { sector: sector.slug } });
  });

  app.get<{ Params: { slug: string } }>('/author/:slug', async (request, reply) => {
    const author = /^[a-z0-9-]{1,80}$/.test(request.params.slug) ? await findAuthor(db, request.params.slug) : null;
    if (!author) throw new HttpError(404, 'No such author');
    const photo = author.photo ? imageView(author.photo, '120px') : null;
    return listing(request, reply, {
      base: authorPath(author.slug),
      title: author.name,
      intro: author.bio ? undefined : `Stories by ${author.name}.`,
      query: { author: author.slug },
      profile: { bio: author.bio, photo, links: author.links.map((l) => ({ label: l.label, href: l.url })) },
      jsonLd: [
        {
          '@context': 'https://schema.org',
          '@type': 'ProfilePage',
          mainEntity: {
            '@type': 'Person',
            name: author.name,
            url: abs(authorPath(author.slug)),
            ...(author.bio ? { description: author.bio } : {}),
            ...(author.links.length ? { sameAs: author.links.map((l) => l.url) } : {}),
          },
        },
      ],
    });
  });

  app.get(countriesPath, async (_request, reply) => {
    const dir = await directory.get();
    const groups = [...dir.editions, null].flatMap((edition) => {
      const links = dir.countriesInUse
        .filter((c) => (edition ? c.editionId === edition.id : !c.editionId || !dir.editionById.has(c.editionId)))
        .map((c) => ({ label: c.name, href: countryPath(c.slug) }));
      return links.length ? [{ title: edition ? edition.name : 'Other countries', links }] : [];
    });
    tagResponse(reply, STORIES_KEY); // which countries have stories
    const crumbs = [
      { label: 'Home', href: '/' },
      { label: 'Countries', href: countriesPath },
    ];
    return page(
      reply,
      dir,
      dir.defaultEdition,
      {
        title: 'Countries',
        description: `Every country ${dir.settings.siteName} has stories from, by region.`,
        canonical: abs(countriesPath),
        jsonLd: [breadcrumbJsonLd(crumbs.map((c) => ({ name: c.label, url: abs(c.href) })))],
      },
      <CountriesPage groups={groups} breadcrumbs={crumbs} />,
    );
  });

  app.get<{ Params: { slug: string } }>('/country/:slug', async (request, reply) => {
    const dir = await directory.get();
    const country = dir.countryBySlug.get(request.params.slug);
    if (!country) throw new HttpError(404, 'No such country');
    const edition = country.editionId ? dir.editionById.get(country.editionId) : undefined;
    return listing(request, reply, {
      base: countryPath(country.slug),
      title: country.name,
      intro: `News from ${country.name}${country.capitals[0] ? ` (capital: ${country.capitals[0]})` : ''}.`,
      query: { country: country.code },
      edition,
    });
  });

  // ── Search ───────────────────────────────────────────────────────────────

  const searchParams = z.object({
    q: z.string().optional().catch(undefined),
    kind: z.enum(['news', 'opinion', 'blog', 'interview', 'shot']).optional().catch(undefined),
    sector: z.string().max(80).optional().catch(undefined),
    edition: z.string().max(80).optional().catch(undefined),
    country: z.string().max(80).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
  });

  app.get(searchPath(), async (request, reply) => {
    const dir = await directory.get();
    const params = searchParams.parse(typeof request.query === 'object' && request.query ? request.query : {});
    const q = (Array.isArray(params.q) ? params.q[0] : params.q) ?? '';
    const filters: SearchFilters = {
      kind: params.kind,
      sector: params.sector && dir.sectorBySlug.has(params.sector) ? params.sector : undefined,
      edition: params.edition && dir.editionBySlug.has(params.edition) ? params.edition : undefined,
      country: params.country && dir.countryBySlug.has(params.country) ? dir.countryBySlug.get(params.country)!.code : undefined,
    };
    const result = q ? await searchArticles(db, q, filters, params.page ?? 1) : null;
    tagResponse(reply, STORIES_KEY);
    const countrySlug = filters.country ? dir.countryByCode.get(filters.country)?.slug : undefined;
    const pageHref = (n: number) => {
      const u = new URLSearchParams({ q: q.slice(0, 200) });
      for (const [k, v] of Object.entries({ kind: filters.kind, sector: filters.sector, edition: filters.edition, country: countrySlug })) if (v) u.set(k, v);
      if (n > 1) u.set('page', String(n));
      return `/search?${u.toString()}`;
    };
    return page(
      reply,
      dir,
      dir.defaultEdition,
      { title: q ? `Search: ${q.slice(0, 60)}` : 'Search', description: `Search ${dir.settings.siteName}`, canonical: abs(searchPath()), noindex: true },
      <SearchPage
        model={{
          q: q.slice(0, 200),
          filters: { kind: filters.kind ?? '', sector: filters.sector ?? '', edition: filters.edition ?? '', country: countrySlug ?? '' },
          options: {
            kinds: Object.entries(kindLabels).map(([value, label]) => ({ value, label })),
            sectors: dir.sectors.map((s) => ({ value: s.slug, label: s.name })),
            editions: dir.editions.map((e) => ({ value: e.slug, label: e.name })),
            countries: dir.countriesInUse.map((c) => ({ value: c.slug, label: c.name })),
          },
          result: result && {
            problem: result.query.problem,
            truncated: result.query.truncated,
            total: result.total,
            capped: result.capped,
            hits: result.hits.map((h) => ({ card: cardOf(h.article, dir), headlineHtml: h.headlineHtml, snippetHtml: h.snippetHtml })),
            prevHref: result.page > 1 ? pageHref(result.page - 1) : null,
            nextHref: result.page < result.pages ? pageHref(result.page + 1) : null,
            page: result.page,
            pages: result.pages,
          },
        }}
      />,
    );
  });

  // ── Static pages and placeholders ────────────────────────────────────────

  app.get<{ Params: { slug: string } }>('/page/:slug', async (request, reply) => {
    const found = await findPage(db, request.params.slug);
    if (!found) throw new HttpError(404, 'No such page');
    const dir = await directory.get();
    reply.header('last-modified', new Date(found.updatedAt).toUTCString());
    tagResponse(reply, SITE_KEY); // static pages change with the site
    return page(
      reply,
      dir,
      dir.defaultEdition,
      { title: found.title, description: `${found.title}: ${dir.settings.siteName}`, canonical: abs(staticPagePath(found.slug)) },
      <StaticPage title={found.title} bodyHtml={found.body} />,
    );
  });

  // /feedback and /newsletter are plugins of their own (site/feedback-routes.tsx, site/newsletter-routes.tsx).

  // ── Assets and images ────────────────────────────────────────────────────

  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const asset = assets.files.get(request.params.name);
    if (!asset) throw new HttpError(404, 'No such file');
    reply
      .type(asset.type)
      .header('cache-control', request.params.name.includes('.') && /\.[0-9a-f]{10}\./.test(request.params.name) ? IMMUTABLE : 'public, max-age=86400');
    return reply.header('cross-origin-resource-policy', 'cross-origin').send(asset.body);
  });

  imageRoutes(app, db, config.dataDir);

  // ── Errors ───────────────────────────────────────────────────────────────

  const notFound = (reply: FastifyReply, dir: Directory, url: string) =>
    page(
      reply,
      dir,
      dir.defaultEdition,
      { title: 'Page not found', description: 'Page not found', canonical: abs(url.split('?')[0] ?? '/'), noindex: true },
      <MessagePage
        title="Page not found"
        message="There is no page at this address. It may have moved, or the link may be mistyped."
        links={[
          { label: 'Front page', href: '/' },
          { label: 'Latest news', href: kindListingPath.news },
          { label: 'Search', href: searchPath() },
        ]}
      />,
      404,
    );

  app.setNotFoundHandler(async (request, reply) => {
    const dir = await directory.get().catch(() => null);
    if (!dir) return reply.code(404).type('text/plain').send('Not found');
    return notFound(reply, dir, request.url);
  });

  app.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
    const status = error instanceof HttpError ? error.statusCode : logFailure(request, error, 'request failed', reply);
    const dir = await directory.get().catch(() => null);
    if (!dir)
      return reply
        .code(status)
        .type('text/plain')
        .send(status === 404 ? 'Not found' : 'Something went wrong');
    if (status === 404) return notFound(reply, dir, request.url);
    return page(
      reply,
      dir,
      dir.defaultEdition,
      { title: 'Something went wrong', description: '', canonical: abs('/'), noindex: true },
      <MessagePage
        title={status >= 500 ? 'Something went wrong' : 'That request could not be answered'}
        message={
          status >= 500
            ? `The page could not be shown because of a problem on our side. Please try again in a moment. ${referenceOf(request)}`
            : 'The address or its parameters are not valid.'
        }
        links={[{ label: 'Front page', href: '/' }]}
      />,
      status,
    );
  });
};
