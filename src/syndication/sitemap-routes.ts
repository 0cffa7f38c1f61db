import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { archivePart, monthParts, publishedMonths, recentlyPublished, type ArchivePart } from '../content/archive.js';
import { articleKinds } from '../content/articles.js';
import { onContentChanged } from '../content/events.js';
import { listPages } from '../content/pages.js';
import { monthKey, SITE_KEY, STORIES_KEY } from '../content/surrogate-keys.js';
import { tagResponseFully } from '../cache/plugin.js';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import {
  absoluteUrl,
  articlePath,
  articleSitemapPath,
  countriesPath,
  countryPath,
  editionPath,
  imagePath,
  kindListingPath,
  newsSitemapPath,
  pagesSitemapPath,
  parseArticleSitemapName,
  sectorPath,
  sitemapIndexPath,
  staticPagePath,
} from '../presentation/urls.js';
import { ttlMemo } from '../util/memo.js';
import { FEED_IMAGE_WIDTH } from './feeds.js';
import { newestChange, type PublishedFilter } from './queries.js';
import {
  MAX_NEWS_URLS,
  MAX_SITEMAP_URLS,
  NEWS_WINDOW_MS,
  later,
  newsLanguage,
  renderNewsUrlset,
  renderSitemapIndex,
  renderUrlset,
  urlsetChunks,
  type SitemapRef,
  type SitemapUrl,
} from './sitemaps.js';

const XML = 'application/xml; charset=utf-8';
/** Stories per monthly sitemap part. sitemaps.org allows 50,000; a part of 10,000 is built in
 *  tens of milliseconds and a few MB (npm run bench:sitemaps), and at a million stories the
 *  index lists about a hundred parts. */
export const SITEMAP_PART_URLS = 10_000;
const SITEMAP_CACHE = 'public, max-age=300, stale-while-revalidate=600';
/** How long a built sitemap is reused in this process (the page cache and the CDN keep it longer). */
const MEMO_TTL_MS = 30_000;
/** How long a month's parts are kept while no change of its stories is heard. */
const MONTH_TTL_MS = 10 * 60_000;

export interface SitemapOptions {
  config: Config;
  store: Store;
  /** Stories per monthly sitemap part (SITEMAP_PART_URLS), at most 50,000; tests use a few. */
  partSize?: number;
}

/**
 * Month-keyed memo: an entry lives `ttlMs` unless a change of that month's stories (its month
 * key) or of the whole site is heard sooner. So the sitemap index reads again only the months
 * that changed, and an old month's sitemap is not rebuilt when today's story comes out.
 */
function monthMemo<T>(ttlMs: number, maxEntries: number) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  const memo = (month: string, key: string, make: () => Promise<T>): Promise<T> => {
    const id = `${month} ${key}`;
    const hit = entries.get(id);
    if (hit && Date.now() - hit.at <= ttlMs) return hit.value;
    entries.delete(id);
    const value = make();
    entries.set(id, { at: Date.now(), value });
    value.catch(() => entries.get(id)?.value === value && entries.delete(id));
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return value;
  };
  /** The kept value, if it is fresh; never makes one. */
  const peek = (month: string, key: string): Promise<T> | undefined => {
    const hit = entries.get(`${month} ${key}`);
    return hit && Date.now() - hit.at <= ttlMs ? hit.value : undefined;
  };
  const forget = (keys: ReadonlySet<string>) => {
    if (keys.has(SITE_KEY)) return entries.clear();
    for (const id of [...entries.keys()]) if (keys.has(monthKey(id.slice(0, 7)))) entries.delete(id);
  };
  return Object.assign(memo, { peek, forget });
}

/** The sitemap index, the pages sitemap, the monthly article sitemaps (in parts) and the Google News sitemap. */
export const sitemapRoutes: FastifyPluginAsync<SitemapOptions> = async (app, { config, store, partSize = SITEMAP_PART_URLS }) => {
  if (!Number.isSafeInteger(partSize) || partSize < 1 || partSize > MAX_SITEMAP_URLS) throw new RangeError(`partSize must be 1 to ${MAX_SITEMAP_URLS}`);
  const db = store.db;
  const abs = (p: string) => absoluteUrl(config.siteUrl, p);
  const rendered = ttlMemo<string>(MEMO_TTL_MS, 8);
  const pageUrls = ttlMemo<SitemapUrl[]>(MEMO_TTL_MS, 1);
  const partsOfMonth = monthMemo<ArchivePart[]>(MONTH_TTL_MS, 1_000);
  // A month's sitemap is at most a few tens of MB: a few only. Kept encoded, so a request for
  // one (with the page cache off) sends the bytes rather than encoding megabytes anew.
  const partBodies = monthMemo<Buffer | null>(MEMO_TTL_MS, 4);
  const stopListening = onContentChanged((change) => {
    rendered.clear();
    pageUrls.clear();
    partsOfMonth.forget(change.keys);
    partBodies.forget(change.keys);
  });
  app.addHook('onClose', async () => stopListening());

  function send(reply: FastifyReply, body: string | Buffer | null) {
    if (body === null) return reply.code(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Not found');
    return reply.code(200).type(XML).header('cache-control', SITEMAP_CACHE).send(body);
  }

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

  // The index: every month as many parts as it needs, each with its latest change. Months are
  // found by one index seek each and counted part by part on the index; a month's parts are
  // kept until one of its stories changes.
  app.get(sitemapIndexPath, async (_request, reply) => {
    const dir = await app.directory.get();
    const body = await rendered('index', async () => {
      const [pages, months] = await Promise.all([pagesUrls(dir), publishedMonths(db)]);
      const parts: ArchivePart[] = [];
      for (const month of months) parts.push(...(await partsOfMonth(month, 'parts', () => monthParts(db, month, partSize))));
      const refs: SitemapRef[] = [
        { loc: abs(pagesSitemapPath), lastmod: pages.reduce<string | null>((max, u) => later(max, u.lastmod), null) },
        ...parts.map((p) => ({ loc: abs(articleSitemapPath(p.month, p.part)), lastmod: p.lastModified })),
      ];
      return renderSitemapIndex(refs);
    });
    return send(reply, body);
  });

  app.get(pagesSitemapPath, async (_request, reply) => send(reply, renderUrlset(await pagesUrls(await app.directory.get()))));

  // One part of a month: read by keyset in batches of 1,000 and written a batch at a time (the
  // page cache keeps the finished answer, so the chunks are joined once for it).
  app.get<{ Params: { name: string } }>('/sitemaps/:name', async (request, reply) => {
    const wanted = parseArticleSitemapName(request.params.name);
    if (!wanted) return send(reply, null);
    const body = await partBodies(wanted.month, String(wanted.part), async () => {
      // Where it begins, when the index was just made; else found on the index.
      const known = await partsOfMonth.peek(wanted.month, 'parts')?.catch(() => undefined);
      const start = known?.find((p) => p.part === wanted.part)?.start;
      if (known && !start) return null;
      let urls = 0;
      const batches = async function* () {
        for await (const batch of archivePart(db, wanted.month, wanted.part, partSize, { start })) {
          urls += batch.length;
          yield batch.map((a) => ({
            loc: abs(articlePath(a)),
            lastmod: a.updatedAt,
            images: a.heroFile ? [abs(imagePath(a.heroFile, FEED_IMAGE_WIDTH))] : [],
          }));
        }
      };
      const chunks: string[] = [];
      for await (const chunk of urlsetChunks(batches())) chunks.push(chunk);
      return urls ? Buffer.from(chunks.join('')) : null;
    });
    // What it shows changes only with a story of its month (or the site's settings).
    if (body !== null) tagResponseFully(reply, monthKey(wanted.month));
    return send(reply, body);
  });

  app.get(newsSitemapPath, async (_request, reply) => {
    const dir = await app.directory.get();
    const body = await rendered('news', async () => {
      const items = await recentlyPublished(db, new Date(Date.now() - NEWS_WINDOW_MS).toISOString(), MAX_NEWS_URLS);
      return renderNewsUrlset(
        items.map((a) => ({
          loc: abs(articlePath(a)),
          publicationName: dir.settings.siteName,
          language: newsLanguage(a.language),
          publicationDate: a.publishedAt,
          title: a.headline,
        })),
      );
    });
    // Any story published or taken down changes it (STORIES_KEY); its thousand links add nothing.
    tagResponseFully(reply, STORIES_KEY);
    return send(reply, body);
  });
};
