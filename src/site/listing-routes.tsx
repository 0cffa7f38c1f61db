import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { tagResponse } from '../cache/plugin.js';
import { listArticles, type ArticleKind, type ArticlePage as ArticleList, type ListQuery } from '../content/articles.js';
import { findAuthor } from '../content/authors.js';
import { decodeCursor } from '../content/cursor.js';
import { keyOfListing, STORIES_KEY } from '../content/surrogate-keys.js';
import type { Edition } from '../content/taxonomy.js';
import { imageView, kindLabels } from '../presentation/presenters.js';
import { breadcrumbJsonLd } from '../presentation/structured-data.js';
import {
  authorPath,
  countriesPath,
  countryPath,
  editionLatestPath,
  editionPath,
  kindListingPath,
  pagedPath,
  rssPath,
  sectorPath,
} from '../presentation/urls.js';
import { HttpError } from './http-error.js';
import type { PageKit } from './page-kit.js';
import { CountriesPage, ListingPage, type ListingModel } from './views/pages.js';

const listingParams = z.object({ before: z.string().max(100).optional(), after: z.string().max(100).optional() });

/** The listings, a page at a time: each kind, an edition's latest, a sector, an author, a
 *  country, and the page of countries. */
export function listingRoutes(app: FastifyInstance, kit: PageKit): void {
  const { db, directory, abs, page, cards } = kit;

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
}
