import type { FastifyInstance, FastifyReply } from 'fastify';
import { tagResponse } from '../cache/plugin.js';
import type { Config } from '../config.js';
import type { ArticleSummary } from '../content/articles.js';
import type { Directory, DirectoryLoader } from '../content/directory.js';
import { onContentChanged } from '../content/events.js';
import { sideKey } from '../content/surrogate-keys.js';
import type { Edition } from '../content/taxonomy.js';
import type { DB, Store } from '../db/connect.js';
import { cardOf, type CardView } from '../presentation/presenters.js';
import { absoluteUrl } from '../presentation/urls.js';
import { ttlMemo } from '../util/memo.js';
import type { SitePages } from './front-routes.js';
import { sitePageHtml } from './page.js';
import type { PageMeta } from './views/layout.js';
import type { SideBlocks } from './views/pages.js';

// What the public site's route modules share (site/routes.tsx makes it once and hands it to
// each): the page wrapper with its cache headers, the shared lists, the side blocks.

const PAGE_CACHE = 'public, max-age=60, stale-while-revalidate=600';
const SHARED_LISTS_TTL_MS = 10_000;

export interface PageKit extends SitePages {
  config: Config;
  db: DB;
  directory: DirectoryLoader;
  assets: FastifyInstance['assets'];
  /** An absolute URL on the site for a path. */
  abs(path: string): string;
  cards(items: ArticleSummary[], dir: Directory): CardView[];
  /** The side blocks of a page, without the stories it shows already; tags the response with them. */
  sideBlocks(reply: FastifyReply, dir: Directory, edition: Edition, exclude?: number[]): Promise<SideBlocks>;
}

export function pageKit(app: FastifyInstance, config: Config, store: Store): PageKit {
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
  const keep = <T>(key: string, make: () => Promise<T>) => shared(key, make) as Promise<T>;
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

  return { config, db: store.db, directory: app.directory, assets, abs, page, cards, keep, side, sideBlocks };
}
