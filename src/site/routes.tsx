import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { tagResponse } from '../cache/plugin.js';
import type { Config } from '../config.js';
import type { Directory } from '../content/directory.js';
import { findPage } from '../content/pages.js';
import { SITE_KEY } from '../content/surrogate-keys.js';
import type { Store } from '../db/connect.js';
import { logFailure, referenceOf } from '../ops/failures.js';
import { kindListingPath, searchPath, staticPagePath } from '../presentation/urls.js';
import { articleRoutes } from './article-routes.js';
import { assetRoutes } from './asset-routes.js';
import { frontRoutes } from './front-routes.js';
import { HttpError } from './http-error.js';
import { listingRoutes } from './listing-routes.js';
import { pageKit } from './page-kit.js';
import { searchRoutes } from './search-routes.js';
import { MessagePage, StaticPage } from './views/pages.js';

/** The public site: front pages, articles, listings, search, static pages, images. Each family
 *  of pages is a module of its own; they are added to this plugin (not as plugins of their own)
 *  so that all of them answer with the error pages set at the end. */
export const siteRoutes: FastifyPluginAsync<{ config: Config; store: Store }> = async (app, { config, store }) => {
  const kit = pageKit(app, config, store);
  const { db, directory, abs, page } = kit;

  // ── Front pages and Trending (front-routes.tsx) ─────────────────────────

  // Not awaited: the child loads after this plugin, so it inherits the error pages set below.
  void app.register(frontRoutes, { config, store, pages: kit });

  articleRoutes(app, kit);
  listingRoutes(app, kit);
  searchRoutes(app, kit);

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

  assetRoutes(app, config, store);

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
