import http from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, onSendHookHandler } from 'fastify';
import { onContentChanged } from '../content/events.js';
import { articleKey, SITE_KEY, STORIES_KEY } from '../content/surrogate-keys.js';
import { NEWSROOM } from '../presentation/desk-urls.js';
import type { PageCache } from './page-cache.js';

/*
 * The rendered-response cache in front of the app. A hit is answered before Fastify sees the
 * request (serverFactory), or, for app.inject(), from the first onRequest hook: either way no
 * route handler, no database and no compression. A miss renders as usual; on the way out the
 * response gets its surrogate keys and CDN headers, and a copy is compressed and kept.
 */

declare module 'fastify' {
  interface FastifyReply {
    /** The surrogate keys of what this response shows (tagResponse). */
    surrogateKeys: Set<string> | null;
    /** The keys named are all it shows: its story links are not scanned for more (tagResponseFully). */
    surrogateKeysFull: boolean;
    /** The cache's mark when this request began (PageCache.begin). */
    cacheSince: number;
  }
}

/** How a CDN may keep public answers: five minutes unless purged, served stale while it
 *  refetches, and for a day when the origin is down. Browsers keep them one minute. */
export const CDN_CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400';
export const SURROGATE_CONTROL = 'max-age=300, stale-while-revalidate=60, stale-if-error=86400';

const CACHEABLE_TYPES = /^(text\/html|application\/(rss\+xml|atom\+xml|feed\+json|json|xml|opensearchdescription\+xml|manifest\+json)|text\/xml|text\/plain)/;
/** The newsroom's session cookie, plain (http) or `__Host-` (https). */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?wd_session=/;
/** Links to stories in a body: each is a story the response shows. */
const ARTICLE_LINK = /\/article\/(\d{1,12})-/g;

/** Names what a response shows, for the cache and the CDN. */
export function tagResponse(reply: FastifyReply, ...keys: string[]): void {
  reply.surrogateKeys ??= new Set();
  for (const key of keys) reply.surrogateKeys.add(key);
}

/** Names all that a response shows: the story links in its body add no keys. For a sitemap,
 *  whose thousands of links its month's key covers, and whose per-story keys would make a
 *  Surrogate-Key header larger than any CDN takes. */
export function tagResponseFully(reply: FastifyReply, ...keys: string[]): void {
  tagResponse(reply, ...keys);
  reply.surrogateKeysFull = true;
}

/** Requests that may be answered from (and stored in) a shared cache: a reader's GET or HEAD. */
function sharedCacheRequest(method: string | undefined, url: string | undefined, headers: http.IncomingHttpHeaders): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (headers.authorization || (headers.cookie && SESSION_COOKIE.test(headers.cookie))) return false;
  return !url?.startsWith(NEWSROOM);
}

type Hit = NonNullable<ReturnType<PageCache['lookup']>>;

/** Marks a request the server in front of Fastify looked up and missed (only misses carry it). */
const MISSED = Symbol('page-cache-missed');
type Marked = http.IncomingMessage & { [MISSED]?: true };

function cachedAnswer(cache: PageCache, req: Marked): Hit | null {
  if (req[MISSED]) return null;
  if (!sharedCacheRequest(req.method, req.url, req.headers)) return null;
  return cache.lookup(req.url!, req.headers);
}

function send(req: http.IncomingMessage, res: http.ServerResponse, hit: Hit): void {
  res.writeHead(hit.status, hit.headers);
  res.end(req.method === 'HEAD' || !hit.body ? undefined : hit.body);
}

/** How long a miss waits for another request's render of the same URL before rendering itself. */
const COLLAPSE_WAIT_MS = 3_000;

/**
 * Request collapsing: when a hot page has just been dropped, the first miss renders it and the
 * misses for the same URL that arrive meanwhile wait for its copy, instead of each rendering it
 * (a breaking story read by many at once). URLs that turn out not to be kept (no-store, errors)
 * are remembered and never waited for.
 */
function collapser(cache: PageCache) {
  const rendering = new Map<string, Promise<void>>();
  const notKept = new Set<string>();
  return (req: http.IncomingMessage, res: http.ServerResponse, render: () => void) => {
    const url = req.url!;
    if (req.method !== 'GET' || notKept.has(url) || !sharedCacheRequest(req.method, url, req.headers)) return render();
    const first = rendering.get(url);
    if (first) {
      cache.countCollapsed();
      let timer: NodeJS.Timeout | undefined;
      void Promise.race([first, new Promise<void>((resolve) => (timer = setTimeout(resolve, COLLAPSE_WAIT_MS)))]).then(() => {
        clearTimeout(timer);
        if (res.destroyed || res.headersSent) return;
        const hit = cache.lookup(url, req.headers);
        if (hit) send(req, res, hit);
        else render();
      });
      return;
    }
    let finished!: () => void;
    rendering.set(url, new Promise<void>((resolve) => (finished = resolve)));
    res.once('close', () => {
      const storing = cache.storingOf(url);
      // A 304 says nothing about whether the page is kept; anything else not kept is not waited for again.
      if (!storing && !cache.has(url) && res.statusCode !== 304) {
        if (notKept.size >= 10_000) notKept.clear();
        notKept.add(url);
      }
      void (storing ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => {
          rendering.delete(url);
          finished();
        });
    });
    render();
  };
}

/** Fastify's serverFactory: hits never reach Fastify; concurrent misses of a URL render once. */
export function cachedServerFactory(cache: PageCache | null) {
  return (handler: http.RequestListener, options: { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number }) => {
    const collapse = cache ? collapser(cache) : null;
    const server = http.createServer((req, res) => {
      const hit = cache && cachedAnswer(cache, req);
      if (hit) return send(req, res, hit);
      (req as Marked)[MISSED] = true;
      if (collapse) collapse(req, res, () => handler(req, res));
      else handler(req, res);
    });
    // What Fastify sets on the servers it makes itself.
    server.keepAliveTimeout = options.keepAliveTimeout ?? 72_000;
    server.requestTimeout = options.requestTimeout ?? 0;
    server.setTimeout(options.connectionTimeout ?? 0);
    return server;
  };
}

/** The first onRequest hook: a hit for app.inject() (a listening server answers before this). */
export function cacheLookupHook(cache: PageCache | null): onRequestHookHandler {
  return function lookup(request, reply, done) {
    reply.cacheSince = cache?.begin() ?? 0;
    const hit = cache && cachedAnswer(cache, request.raw);
    if (!hit) return done();
    reply.hijack();
    send(request.raw, reply.raw, hit);
  };
}

/** Most story keys one response carries: CDNs cap the header (Fastify and Cloudflare at 16 KB). */
export const MAX_STORY_KEYS = 200;

/**
 * The keys of a response: what its route named (every story when it named nothing), and each
 * story it links to. A response keyed by every story needs no story keys, since every change to
 * a published story touches that key too; one linking more than MAX_STORY_KEYS stories is keyed
 * by every story instead (dropped on any change, rather than carrying a header no CDN takes).
 */
export function responseKeys(routeKeys: ReadonlySet<string> | null, body: string): string[] {
  const keys = new Set([SITE_KEY, ...(routeKeys?.size ? routeKeys : [STORIES_KEY])]);
  if (keys.has(STORIES_KEY)) return [...keys];
  const stories = new Set<string>();
  for (const m of body.matchAll(ARTICLE_LINK)) {
    stories.add(articleKey(Number(m[1])));
    if (stories.size > MAX_STORY_KEYS) return [...keys, STORIES_KEY];
  }
  return [...keys, ...stories];
}

/**
 * On the way out (after the ETag, before compression): public 200 answers get their surrogate
 * keys and CDN headers, and a copy goes into the cache. A route that names no keys is tagged
 * with every story, so it is dropped on any change rather than kept stale.
 */
export function cacheStoreHook(cache: PageCache | null): onSendHookHandler<unknown> {
  return async function store(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    if (request.method !== 'GET' || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (!CACHEABLE_TYPES.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    const cacheControl = String(reply.getHeader('cache-control') ?? '');
    if (!/\bpublic\b/.test(cacheControl) || /no-store|private|no-cache/.test(cacheControl) || reply.hasHeader('set-cookie')) return payload;
    if (!sharedCacheRequest(request.method, request.url, request.headers)) return payload;

    const list = responseKeys(reply.surrogateKeys, reply.surrogateKeysFull ? '' : typeof payload === 'string' ? payload : payload.toString('latin1'));
    reply.header('surrogate-key', list.join(' '));
    reply.header('cache-tag', list.join(','));
    reply.header('surrogate-control', SURROGATE_CONTROL);
    if (!/s-maxage/.test(cacheControl)) reply.header('cache-control', `${cacheControl}, s-maxage=300, stale-if-error=86400`);
    if (cache) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(reply.getHeaders()))
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      cache
        .store(request.url, { status: 200, headers, body, keys: list }, reply.cacheSince)
        .catch((error: Error) => request.log.warn({ err: error }, 'page cache: could not keep a response'));
    }
    return payload;
  };
}

/** Wires the cache to the app: reply decorations, and dropping what each content change touches. */
export function registerPageCache(app: FastifyInstance, cache: PageCache | null): void {
  app.decorateReply('surrogateKeys', null);
  app.decorateReply('surrogateKeysFull', false);
  app.decorateReply('cacheSince', 0);
  if (!cache) return;
  const stop = onContentChanged((change) => cache.invalidate(change.keys));
  app.addHook('onClose', async () => stop());
}
