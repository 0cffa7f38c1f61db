import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ViewCounterOptions } from './audience/counter.js';
import { purgeCdnOnChanges } from './cache/cdn.js';
import { createCdnPurger, type CdnPurger } from './cache/cdn-purge.js';
import { listenForOtherProcesses, type ChangeListener } from './cache/cross-process.js';
import { PageCache } from './cache/page-cache.js';
import { cachedServerFactory, cacheLookupHook, cacheStoreHook, registerPageCache } from './cache/plugin.js';
import { audienceRoutes } from './audience/routes.js';
import type { Config } from './config.js';
import type { Store } from './db/connect.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { directoryLoader, type DirectoryLoader } from './content/directory.js';
import { sideBlockSource, type SideBlockSource } from './site/side-blocks.js';
import { HOST_PREFIX, SESSION_COOKIE } from './newsroom/cookies.js';
import { newsroomRoutes } from './newsroom/routes.js';
import { newRequestId, setFallbackErrorHandler } from './ops/failures.js';
import { healthRoutes } from './ops/health.js';
import { guardInput } from './ops/input-guard.js';
import { loggerOptions } from './ops/log-redaction.js';
import httpCaching from './ops/http-caching.js';
import { brotliParams } from './util/compression.js';
import { feedbackRoutes } from './site/feedback-routes.js';
import { newsletterRoutes } from './site/newsletter-routes.js';
import { identityRoutes } from './site/identity.js';
import { loadAssets, type Assets } from './site/assets.js';
import { siteRoutes } from './site/routes.js';
import { apiRoutes } from './syndication/api.js';
import { syndicationRoutes } from './syndication/routes.js';

/** Every route with the permission it declares (newsroom routes declare one; the rest are public). */
export interface RouteEntry {
  method: string;
  url: string;
  permission: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
    mailer: Mailer;
    /** Sectors, editions, countries and settings, cached and dropped on every content change. */
    directory: DirectoryLoader;
    /** The rendered-response cache; null when PAGE_CACHE_MB is 0. */
    pageCache: PageCache | null;
    /** Trending and the other side blocks, refreshed every 30 s (refreshAll: at once). */
    sideBlocks: SideBlockSource;
    /** The CDN in front (CDN_PURGE), told what to drop; null without one. */
    cdnPurger: CdnPurger | null;
    /** Hears the other processes' changes (LISTEN/NOTIFY, or the SQLite file's data_version). */
    changeListener: ChangeListener;
    /** A site without newsroom users leads /newsroom to the first-run form (`serve` without --demo). */
    offersFirstRun: boolean;
    /** The site's CSS, scripts and mark, read and hashed once for the whole app. */
    assets: Assets;
  }
  interface FastifyContextConfig {
    permission?: string;
  }
}

export interface AppDeps {
  config: Config;
  store: Store;
  /** Outgoing mail; by default the one SMTP_URL names (or the .eml outbox). */
  mailer?: Mailer;
  /** Counting reads: the clock and bounds (tests); the defaults otherwise. */
  viewCounter?: ViewCounterOptions;
  /** The rendered-page cache's clock (tests). */
  pageCacheNow?: () => number;
  /** Stories per monthly sitemap part (tests use a few); SITEMAP_PART_URLS otherwise. */
  sitemapPartSize?: number;
  /** Where the log lines go (tests read them); standard output otherwise. */
  logStream?: { write(line: string): void };
  /** Offer the first-run form while the site has no newsroom users (`wiredesk serve` without --demo). */
  firstRun?: boolean;
}

/** The players an article may embed (the sanitiser's iframe hosts) may go fullscreen. */
const PLAYERS = '"https://www.youtube-nocookie.com" "https://www.youtube.com" "https://player.vimeo.com"';
export const PERMISSIONS_POLICY = [
  ...[
    'accelerometer',
    'autoplay',
    'browsing-topics',
    'camera',
    'display-capture',
    'geolocation',
    'gyroscope',
    'hid',
    'magnetometer',
    'microphone',
    'midi',
    'payment',
    'publickey-credentials-get',
    'screen-wake-lock',
    'serial',
    'usb',
    'xr-spatial-tracking',
  ].map((f) => `${f}=()`),
  ...['encrypted-media', 'fullscreen', 'picture-in-picture'].map((f) => `${f}=(self ${PLAYERS})`),
].join(', ');

/** The web application. Each capability is a plugin; this list is the table of contents. */
export async function buildApp({
  config,
  store,
  mailer: givenMailer,
  viewCounter,
  pageCacheNow,
  sitemapPartSize,
  logStream,
  firstRun,
}: AppDeps): Promise<FastifyInstance> {
  const pageCache = config.pageCache.maxBytes > 0 ? new PageCache({ ...config.pageCache, now: pageCacheNow }) : null;
  const app = Fastify({
    // Cached pages are answered before Fastify sees the request (src/cache/plugin.ts).
    serverFactory: cachedServerFactory(pageCache),
    // A hop count means: believe that many proxies in front of us.
    trustProxy: typeof config.trustProxy === 'number' ? (_address: string, hop: number) => hop < (config.trustProxy as number) : config.trustProxy,
    // Without cookies, tokens and query values (src/ops/log-redaction.ts).
    logger: config.logLevel === 'silent' ? false : loggerOptions(config.logLevel, logStream),
    // Bound what a client can make us hold: bodies and slow requests.
    bodyLimit: 1024 * 1024,
    requestTimeout: 30_000,
    // An article's path parameter is its id and a slug of up to 120 characters (Fastify's
    // default of 100 answered 414 for the longer slugs the editor accepts).
    routerOptions: { maxParamLength: 160 },
    return503OnClosing: true,
    // Shown on error pages and logged with the error (src/ops/failures.ts).
    genReqId: newRequestId,
  });

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.decorate('offersFirstRun', Boolean(firstRun));
  const directory = directoryLoader(store.db);
  // Mail is from the site's name (a setting) unless MAIL_FROM names the sender.
  const mailer = givenMailer ?? createMailer(config, { fromName: async () => (await directory.get()).settings.siteName });
  app.decorate('mailer', mailer);
  app.decorate('directory', directory);
  app.decorate('assets', loadAssets());
  app.decorate('pageCache', pageCache);
  app.decorate('sideBlocks', sideBlockSource(store.db, { halfLifeHours: config.trendingHalfLifeHours }));
  app.decorate('changeListener', listenForOtherProcesses(config.database, store, app.log));
  const cdnPurger = createCdnPurger(config.cdn, app.log);
  app.decorate('cdnPurger', cdnPurger);
  const stopPurging = cdnPurger ? purgeCdnOnChanges(cdnPurger) : null;
  registerPageCache(app, pageCache);
  // First of all hooks: a cached page (for app.inject) goes out before any other work.
  app.addHook('onRequest', cacheLookupHook(pageCache));
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, permission: route.config?.permission ?? null });
  });

  const https = config.siteUrl.startsWith('https:');
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        frameSrc: ['https://www.youtube-nocookie.com', 'https://www.youtube.com', 'https://player.vimeo.com'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Links out of the site say which site (not which page) sent the reader; same-origin form
    // posts keep their Origin. (no-referrer made Chromium post `Origin: null`.)
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: https,
  });
  // Helmet sets no Permissions-Policy: every answer (kept in the page cache with its headers)
  // turns off the powerful features, leaving embedded players their fullscreen.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });
  // ETags are computed on the page itself, before it is compressed.
  await app.register(httpCaching);
  // Then surrogate keys and CDN headers, and a copy into the page cache (before compression).
  app.addHook('onSend', cacheStoreHook(pageCache));
  // Brotli's default (quality 11) costs more CPU than rendering the page; 5 is near gzip's speed
  // with smaller output. A CDN in front may recompress harder once and cache it.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: brotliParams(5) },
    zlibOptions: { level: 6 },
    // Pages and feeds (up to 1 MB) are compressed in one synchronous call (about 0.5 ms for a
    // 35 KB page), not through a zlib stream per response: on 2 cores the plugin's default
    // (8 KB) streamed every page, and under 48 connections the streams' objects, piped chunks
    // and encoders in flight doubled the V8 heap (90 -> 190 MB) and RSS (205 -> 350 MB).
    syncThreshold: 1024 * 1024,
  });

  await app.register(cookie);
  // Before any plugin, so every route has them: NUL bytes never reach a handler, and a failure
  // where no plugin has an error handler of its own says nothing of its cause.
  guardInput(app);
  setFallbackErrorHandler(app);

  // Counting reads first: /healthz and the newsroom's audience pages read its counts.
  await app.register(audienceRoutes, { store, sessionCookies: [SESSION_COOKIE, `${HOST_PREFIX}${SESSION_COOKIE}`], counter: viewCounter });
  await app.register(healthRoutes, { store });
  await app.register(siteRoutes, { config, store });
  await app.register(identityRoutes, { config, store });
  await app.register(feedbackRoutes, { config, store });
  await app.register(newsletterRoutes, { config, store });
  await app.register(syndicationRoutes, { config, store, sitemapPartSize });
  await app.register(apiRoutes, { config, store });
  await app.register(newsroomRoutes, { config, store });

  // The database closes after the last in-flight request has been answered.
  app.addHook('onClose', async () => {
    await app.changeListener.stop();
    await stopPurging?.();
    app.sideBlocks.dispose();
    directory.dispose();
    await app.viewCounter.close(); // reads that arrived since preClose
    await mailer.close();
    await store.close();
  });
  return app;
}
