import type { FastifyPluginAsync } from 'fastify';
import { listArticles } from '../content/articles.js';
import { getSiteSettings } from '../content/settings.js';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';
import { HomePlaceholder } from './views/home.js';

/** The public site. For now a placeholder front page; the full site replaces it. */
export const siteRoutes: FastifyPluginAsync<{ config: Config; store: Store }> = async (app, { store }) => {
  app.get('/', async (_request, reply) => {
    const [settings, latest] = await Promise.all([getSiteSettings(store.db), listArticles(store.db, { limit: 20 })]);
    reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=60');
    return HomePlaceholder({
      siteName: settings.siteName,
      tagline: settings.tagline,
      headlines: latest.items.map((a) => ({ id: a.id, headline: a.headline, publishedAt: a.publishedAt ?? a.updatedAt })),
    });
  });
};
