import type { FastifyInstance } from 'fastify';
import { tagResponse } from '../cache/plugin.js';
import { getArticle, listArticleGroups, type ArticleSummary } from '../content/articles.js';
import { listCorrections } from '../content/lifecycle.js';
import { countryKey, sectorKey } from '../content/surrogate-keys.js';
import { articleViewOf, editionOf } from '../presentation/presenters.js';
import { articleJsonLd } from '../presentation/structured-data.js';
import { articlePath, cropPath, IMAGE_CROPS, kindListingPath, viewPixelPath, viewsBeaconPath } from '../presentation/urls.js';
import { idFrom } from '../util/bounds.js';
import { HttpError } from './http-error.js';
import type { PageKit } from './page-kit.js';
import { shareLinksFor } from './share.js';
import { ArticlePage, MessagePage } from './views/pages.js';

const primaryLanguage = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** A story's page (`/article/<id>-<slug>`): 410 once it is taken down or killed. */
export function articleRoutes(app: FastifyInstance, kit: PageKit): void {
  const { config, db, directory, assets, abs, page, cards, sideBlocks } = kit;

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
}
