import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { SITE_KEY } from '../content/surrogate-keys.js';
import { brotliParams } from '../util/compression.js';

/*
 * The rendered-response cache: finished public responses (status, headers, ETag, and the body
 * already compressed with brotli and gzip), keyed by URL, bounded in bytes, least recently used
 * first out. A hit is answered from here with no route handler, no database and no compression.
 * Each entry records its surrogate keys; `invalidate` drops the entries with any of them.
 */

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export type Encoding = 'br' | 'gzip' | 'identity';

/** What a response is sent with, ready for `writeHead` (a flat [name, value, …] list). */
type RawHeaders = string[];

interface Variant {
  body: Buffer;
  headers: RawHeaders;
}

interface Entry {
  status: number;
  etag: string | null;
  lastModified: number | null;
  keys: string[];
  variants: Partial<Record<Encoding, Variant>>;
  /** Headers of a 304 Not Modified answer. */
  notModified: RawHeaders;
  expiresAt: number;
  size: number;
}

export interface PageCacheOptions {
  maxBytes: number;
  ttlMs: number;
  /** Bodies smaller than this are kept only as they are (as @fastify/compress does). */
  compressThreshold?: number;
  brotliQuality?: number;
  now?: () => number;
}

export interface PageCacheStats {
  enabled: boolean;
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  notModified: number;
  misses: number;
  stores: number;
  /** Renders not kept because what they show changed while they were being made. */
  discarded: number;
  /** Misses that waited for another request's render of the same URL instead of rendering it again. */
  collapsed: number;
  invalidations: number;
  dropped: number;
}

export interface CacheableResponse {
  status: number;
  /** Header names in lower case; content-length, content-encoding and vary are set here. */
  headers: Record<string, string>;
  body: Buffer;
  keys: Iterable<string>;
}

/** How many recent invalidations are remembered, to tell whether a render in progress is stale. */
const RECENT_INVALIDATIONS = 256;
const HEADER_OVERHEAD = 600;

/**
 * A buffer that holds only its own bytes. zlib's output is often a view of a 16 KB chunk (a 7 KB
 * brotli page kept 16 KB alive) and Buffer.from(a short string) a view of an 8 KB shared pool
 * slab, so the cache's size in bytes counted less than it kept in memory: copy such views.
 */
function owned(buf: Buffer): Buffer {
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength) return buf;
  const copy = Buffer.allocUnsafeSlow(buf.length);
  buf.copy(copy);
  return copy;
}

export class PageCache {
  readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly threshold: number;
  private readonly brotliQuality: number;
  private readonly now: () => number;
  private readonly entries: LRUCache<string, Entry>;
  /** Surrogate key → the URLs of entries that show it. */
  private readonly byKey = new Map<string, Set<string>>();
  private epoch = 0;
  private readonly storing = new Set<Promise<void>>();
  private readonly storingByUrl = new Map<string, Promise<void>>();
  private readonly recent: { epoch: number; keys: ReadonlySet<string> }[] = [];
  private readonly counts = { hits: 0, notModified: 0, misses: 0, stores: 0, discarded: 0, collapsed: 0, invalidations: 0, dropped: 0 };

  /** Counts a miss that waited for another render (plugin.ts). */
  countCollapsed(): void {
    this.counts.collapsed++;
  }

  constructor(options: PageCacheOptions) {
    this.maxBytes = options.maxBytes;
    this.ttlMs = options.ttlMs;
    this.threshold = options.compressThreshold ?? 1024;
    this.brotliQuality = options.brotliQuality ?? 6;
    this.now = options.now ?? Date.now;
    this.entries = new LRUCache<string, Entry>({
      maxSize: Math.max(1, options.maxBytes),
      sizeCalculation: (entry) => Math.max(1, entry.size),
      dispose: (entry, url) => this.unindex(url, entry),
    });
  }

  /** The answer for a GET or HEAD of `url` with these request headers, or null on a miss. */
  lookup(
    url: string,
    request: { 'accept-encoding'?: string; 'if-none-match'?: string; 'if-modified-since'?: string },
  ): { status: number; headers: RawHeaders; body: Buffer | null } | null {
    const entry = this.entries.get(url);
    if (!entry || entry.expiresAt <= this.now()) {
      if (entry) this.entries.delete(url);
      this.counts.misses++;
      return null;
    }
    if (notModified(entry, request['if-none-match'], request['if-modified-since'])) {
      this.counts.notModified++;
      return { status: 304, headers: entry.notModified, body: null };
    }
    const variant = entry.variants[this.encodingFor(request['accept-encoding'], entry)] ?? entry.variants.identity!;
    this.counts.hits++;
    return { status: entry.status, headers: variant.headers, body: variant.body };
  }

  /** A mark to hand to `store` later: what was invalidated since then is not stored. */
  begin(): number {
    return this.epoch;
  }

  /** Compresses and keeps a response rendered since `since`, unless what it shows changed meanwhile. */
  store(url: string, response: CacheableResponse, since: number): Promise<void> {
    const stored = this.compressAndKeep(url, response, since);
    this.storing.add(stored);
    this.storingByUrl.set(url, stored);
    const done = () => {
      this.storing.delete(stored);
      if (this.storingByUrl.get(url) === stored) this.storingByUrl.delete(url);
    };
    stored.then(done, done);
    return stored;
  }

  /** The copy of `url` being compressed now, if one is (null when none is being kept). */
  storingOf(url: string): Promise<void> | null {
    return this.storingByUrl.get(url) ?? null;
  }

  /** Resolves when the responses being compressed now are kept (tests, benchmarks). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.storing]);
  }

  has(url: string): boolean {
    return this.entries.has(url);
  }

  private async compressAndKeep(url: string, response: CacheableResponse, since: number): Promise<void> {
    const keys = [...new Set(response.keys)];
    const { body } = response;
    const compressible = body.length >= this.threshold;
    const [br, gz] = compressible
      ? (await Promise.all([brotli(body, { params: brotliParams(this.brotliQuality, body.length) }), gzip(body, { level: 6 })])).map(owned)
      : [null, null];
    if (this.changedSince(since, keys)) {
      this.counts.discarded++;
      return;
    }
    const base = Object.entries(response.headers).filter(
      ([name]) => !['content-length', 'content-encoding', 'vary', 'date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name),
    );
    const vary = compressible ? [['vary', 'accept-encoding']] : [];
    const variantOf = (encoding: Encoding, data: Buffer): Variant => ({
      body: data,
      headers: [...base, ...vary, ...(encoding === 'identity' ? [] : [['content-encoding', encoding]]), ['content-length', String(data.length)]].flat(),
    });
    const variants: Entry['variants'] = { identity: variantOf('identity', owned(body)) };
    if (br && br.length < body.length) variants.br = variantOf('br', br);
    if (gz && gz.length < body.length) variants.gzip = variantOf('gzip', gz);
    const keep304 = new Set(['etag', 'cache-control', 'surrogate-control', 'surrogate-key', 'cache-tag', 'last-modified', 'expires', 'content-location']);
    const entry: Entry = {
      status: response.status,
      etag: response.headers.etag ?? null,
      lastModified: response.headers['last-modified'] ? Date.parse(response.headers['last-modified']) : null,
      keys,
      variants,
      notModified: [...base.filter(([name]) => keep304.has(name)), ...vary].flat(),
      expiresAt: this.now() + this.ttlMs,
      size: body.length + (br?.length ?? 0) + (gz?.length ?? 0) + HEADER_OVERHEAD,
    };
    if (entry.size > this.maxBytes) return;
    this.entries.set(url, entry);
    for (const key of keys) {
      let urls = this.byKey.get(key);
      if (!urls) this.byKey.set(key, (urls = new Set()));
      urls.add(url);
    }
    this.counts.stores++;
  }

  /** Drops every entry that shows one of `keys` (everything for `site`). */
  invalidate(keys: ReadonlySet<string>): void {
    this.epoch++;
    this.recent.push({ epoch: this.epoch, keys });
    if (this.recent.length > RECENT_INVALIDATIONS) this.recent.shift();
    this.counts.invalidations++;
    if (keys.has(SITE_KEY)) {
      this.counts.dropped += this.entries.size;
      this.entries.clear();
      return;
    }
    const urls = new Set<string>();
    for (const key of keys) for (const url of this.byKey.get(key) ?? []) urls.add(url);
    for (const url of urls) if (this.entries.delete(url)) this.counts.dropped++;
  }

  clear(): void {
    this.invalidate(new Set([SITE_KEY]));
  }

  stats(): PageCacheStats {
    return { enabled: true, entries: this.entries.size, bytes: this.entries.calculatedSize, maxBytes: this.maxBytes, ...this.counts };
  }

  /** Clients send few distinct Accept-Encoding headers: each is parsed once per set of variants kept. */
  private readonly accepted = new Map<string, Encoding>();
  private encodingFor(header: string | undefined, entry: Entry): Encoding {
    if (!header) return 'identity';
    // A body too small to compress is kept only as it is: which variants exist is part of the key.
    const key = `${entry.variants.br ? 'b' : '-'}${entry.variants.gzip ? 'g' : '-'}${header}`;
    let best = this.accepted.get(key);
    if (best === undefined) {
      best = preferredEncoding(header, entry.variants);
      if (this.accepted.size < 400) this.accepted.set(key, best);
    }
    return best;
  }

  private changedSince(since: number, keys: string[]): boolean {
    if (since === this.epoch) return false;
    const oldest = this.recent[0];
    if (!oldest || oldest.epoch > since + 1) return true; // forgotten: assume the worst
    return this.recent.some((r) => r.epoch > since && (r.keys.has(SITE_KEY) || keys.some((k) => r.keys.has(k))));
  }

  private unindex(url: string, entry: Entry): void {
    for (const key of entry.keys) {
      const urls = this.byKey.get(key);
      if (!urls) continue;
      urls.delete(url);
      if (urls.size === 0) this.byKey.delete(key);
    }
  }
}

/** RFC 9110: If-None-Match decides when present; otherwise If-Modified-Since against Last-Modified. */
function notModified(entry: Entry, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
  if (ifNoneMatch) return entry.etag !== null && matchesEtag(ifNoneMatch, entry.etag);
  if (!ifModifiedSince || entry.lastModified === null || Number.isNaN(entry.lastModified)) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(entry.lastModified / 1000) <= Math.floor(since / 1000);
}

/** If-None-Match: a weak comparison, or `*`. */
function matchesEtag(header: string, etag: string): boolean {
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

/** Brotli, then gzip, then the body as it is, as far as the client accepts them (q=0 refuses). */
export function preferredEncoding(header: string | undefined, available: Partial<Record<Encoding, unknown>>): Encoding {
  if (!header) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name!.trim(), q ? Number(q[1]) : 1);
  }
  const wants = (enc: string) => (accepted.get(enc) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0;
  if (available.br && wants('br')) return 'br';
  if (available.gzip && wants('gzip')) return 'gzip';
  return 'identity';
}
