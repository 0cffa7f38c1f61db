import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { tagResponse } from '../cache/plugin.js';
import { sideKey, STORIES_KEY } from '../content/surrogate-keys.js';
import { listArticleGroups, type ArticleSummary } from '../content/articles.js';
import { composeTopStories, pinnedStories } from '../content/front-pins.js';
import type { Edition } from '../content/taxonomy.js';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { HttpError } from './http-error.js';
import { TRENDING_LIST, type SideBlockSource } from './side-blocks.js';
import { cardOf, type CardView } from '../presentation/presenters.js';
import { organizationJsonLd, websiteJsonLd, breadcrumbJsonLd } from '../presentation/structured-data.js';
import {
  absoluteUrl,
  atomPath,
  cropPath,
  editionLatestPath,
  editionPath,
  IMAGE_CROPS,
  jsonFeedPath,
  kindListingPath,
  rssPath,
  sectorPath,
  trendingPath,
} from '../presentation/urls.js';
import { FrontPage } from './views/front.js';
import type { PageMeta } from './views/layout.js';
import { ListingPage } from './views/pages.js';

/** What the site's pages share, handed down by siteRoutes. */
export interface SitePages {
  page(reply: FastifyReply, dir: Directory, edition: Edition, meta: PageMeta, body: JSX.Element, status?: number): FastifyReply;
  /** Lists many pages share, kept a few seconds and dropped when content changes. */
  keep<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** Trending and the other side blocks, refreshed on their own cadence. */
  side: SideBlockSource;
}

/** Each edition's front page (`/`, `/edition/<slug>`) and Trending page (`/trending`, `/edition/<slug>/trending`). */
export const frontRoutes: FastifyPluginAsync<{ config: Config; store: Store; pages: SitePages }> = async (app, { config, store, pages }) => {
  const db = store.db;
  const directory = app.directory;
  const abs = (p: string) => absoluteUrl(config.siteUrl, p);
  const cards = (items: ArticleSummary[], dir: Directory): CardView[] => items.map((a) => cardOf(a, dir));

  /** One hreflang per language (the first edition with a locale has it) and x-default for the main edition. */
  const editionAlternates = (dir: Directory) => {
    const seen = new Set<string>();
    const links = dir.editions.flatMap((e) => {
      if (seen.has(e.locale.toLowerCase())) return [];
      seen.add(e.locale.toLowerCase());
      return [{ hreflang: e.locale, href: abs(editionPath(e.slug, e.isDefault)) }];
    });
    return [...links, { hreflang: 'x-default', href: abs(editionPath(dir.defaultEdition.slug, true)) }];
  };

  /** The stories of a front: pinned places first, then the newest; pins are read with them. */
  function frontStories(dir: Directory, edition: Edition) {
    const editionFilter = edition.isDefault ? {} : { edition: edition.slug };
    return pages.keep(`front:${edition.id}`, async () => {
      // Every list of the front in one batch: an index query each, the stories loaded together.
      const [[newest = [], opinion = [], shots = [], ...bySector], pinned] = await Promise.all([
        listArticleGroups(db, [
          { kind: 'news', limit: 15, ...editionFilter },
          { kind: ['opinion', 'blog', 'interview'], limit: 6 },
          { kind: 'shot', limit: 6 },
          ...dir.sectors.map((s) => ({ sector: s.slug, kind: 'news' as const, limit: 8 })),
        ]),
        pinnedStories(db, edition.id),
      ]);
      const top = composeTopStories(pinned, newest);
      const shown = new Set(top.map((a) => a.id));
      const latest = newest.filter((a) => !shown.has(a.id)).slice(0, 10);
      return {
        top,
        latest,
        opinion,
        shots,
        // A story shows once on the front: in the first sector block that has room for it.
        sectors: bySector
          .map((stories, i) => {
            const items = stories.filter((a) => !shown.has(a.id)).slice(0, 3);
            for (const a of items) shown.add(a.id);
            return { sector: dir.sectors[i]!, items };
          })
          .filter((b) => b.items.length > 0),
      };
    });
  }

  async function frontPage(reply: FastifyReply, dir: Directory, edition: Edition) {
    const [stories, lists] = await Promise.all([frontStories(dir, edition), pages.side.get(edition)]);
    const trending = lists.trending.slice(0, 4);
    // A front shows the newest stories of every sector and kind: any publication changes it.
    tagResponse(reply, STORIES_KEY, sideKey(edition.id));
    const lead = stories.top[0];
    const heading = edition.isDefault ? `${dir.settings.siteName}: ${dir.settings.tagline || 'latest news'}` : `${edition.name} edition`;
    const meta: PageMeta = {
      title: edition.isDefault ? dir.settings.siteName : `${edition.name} edition`,
      description: dir.settings.tagline || `Latest news from ${dir.settings.siteName}`,
      canonical: abs(editionPath(edition.slug, edition.isDefault)),
      alternates: [
        { type: 'application/rss+xml', title: `${dir.settings.siteName} RSS`, href: abs(rssPath(edition.isDefault ? '/' : editionPath(edition.slug))) },
        { type: 'application/atom+xml', title: `${dir.settings.siteName} Atom`, href: abs(atomPath) },
        { type: 'application/feed+json', title: `${dir.settings.siteName} JSON Feed`, href: abs(jsonFeedPath) },
      ],
      jsonLd: [organizationJsonLd(dir.settings, config.siteUrl), websiteJsonLd(dir.settings, config.siteUrl)],
      // The edition fronts are the same page in each edition's language.
      languageAlternates: editionAlternates(dir),
      ...(lead?.hero
        ? { image: abs(cropPath(lead.hero, '16x9')), imageWidth: IMAGE_CROPS['16x9'][0], imageHeight: IMAGE_CROPS['16x9'][1], imageAlt: lead.hero.altText }
        : {}),
    };
    return pages.page(
      reply,
      dir,
      edition,
      meta,
      <FrontPage
        model={{
          heading,
          top: stories.top.map((a, i) => cardOf(a, dir, i === 0 ? '(min-width: 900px) 700px, 100vw' : '(min-width: 900px) 230px, 8rem')),
          latest: cards(stories.latest, dir),
          latestHref: edition.isDefault ? kindListingPath.news : editionLatestPath(edition.slug),
          trending: cards(trending, dir),
          opinion: cards(stories.opinion, dir),
          shots: cards(stories.shots, dir),
          sectors: stories.sectors.map((b) => ({ title: b.sector.name, href: sectorPath(b.sector.slug), cards: cards(b.items, dir) })),
        }}
      />,
    );
  }

  const editionOr404 = (dir: Directory, slug: string) => {
    const edition = dir.editionBySlug.get(slug);
    if (!edition) throw new HttpError(404, 'No such edition');
    return edition;
  };

  app.get('/', async (_request, reply) => {
    const dir = await directory.get();
    return frontPage(reply, dir, dir.defaultEdition);
  });

  app.get<{ Params: { slug: string } }>('/edition/:slug', async (request, reply) => {
    const dir = await directory.get();
    const edition = editionOr404(dir, request.params.slug);
    if (edition.isDefault) return reply.redirect('/', 301);
    return frontPage(reply, dir, edition);
  });

  /** The most-read stories now, per edition (topped up from the whole site). */
  async function trendingPage(reply: FastifyReply, dir: Directory, edition: Edition) {
    const items = (await pages.side.get(edition)).trending.slice(0, TRENDING_LIST);
    tagResponse(reply, sideKey(edition.id));
    const title = edition.isDefault ? 'Trending' : `Trending: ${edition.name}`;
    const base = trendingPath(edition.slug, edition.isDefault);
    const crumbs = [
      { label: 'Home', href: editionPath(edition.slug, edition.isDefault) },
      { label: title, href: base },
    ];
    return pages.page(
      reply,
      dir,
      edition,
      {
        title,
        description: `The stories readers of ${dir.settings.siteName} are reading most right now.`,
        canonical: abs(base),
        jsonLd: [breadcrumbJsonLd(crumbs.map((c) => ({ name: c.label, url: abs(c.href) })))],
      },
      <ListingPage
        model={{
          title,
          intro: 'The most-read stories right now: reads count for less as they age.',
          breadcrumbs: crumbs,
          cards: cards(items, dir),
          variant: 'grid',
          ranked: true,
          newerHref: null,
          olderHref: null,
        }}
      />,
    );
  }

  app.get('/trending', async (_request, reply) => {
    const dir = await directory.get();
    return trendingPage(reply, dir, dir.defaultEdition);
  });
  app.get<{ Params: { slug: string } }>('/edition/:slug/trending', async (request, reply) => {
    const dir = await directory.get();
    const edition = editionOr404(dir, request.params.slug);
    if (edition.isDefault) return reply.redirect('/trending', 301);
    return trendingPage(reply, dir, edition);
  });
};
