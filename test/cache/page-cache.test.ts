import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { PageCache, preferredEncoding } from '../../src/cache/page-cache.js';
import { MAX_STORY_KEYS, responseKeys } from '../../src/cache/plugin.js';
import { STORIES_KEY } from '../../src/content/surrogate-keys.js';

const page = (text: string, keys: string[], headers: Record<string, string> = {}) => ({
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', etag: `W/"${text.length}"`, 'cache-control': 'public, max-age=60', ...headers },
  body: Buffer.from(text),
  keys,
});
const header = (raw: string[], name: string) => {
  for (let i = 0; i < raw.length; i += 2) if (raw[i] === name) return raw[i + 1];
  return undefined;
};
const big = (word: string) => `<p>${`${word} `.repeat(600)}</p>`;

describe('rendered-page cache', () => {
  it('answers a kept page in the encoding the client takes best, and 304 for its ETag', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    await cache.store('/a', page(big('news'), ['site', 'a1']), cache.begin());
    const br = cache.lookup('/a', { 'accept-encoding': 'gzip, deflate, br' })!;
    assert.equal(header(br.headers, 'content-encoding'), 'br');
    assert.equal(zlib.brotliDecompressSync(br.body!).toString(), big('news'));
    assert.equal(header(br.headers, 'content-length'), String(br.body!.length));
    assert.equal(header(br.headers, 'vary'), 'accept-encoding');
    const gz = cache.lookup('/a', { 'accept-encoding': 'gzip' })!;
    assert.equal(zlib.gunzipSync(gz.body!).toString(), big('news'));
    const plain = cache.lookup('/a', {})!;
    assert.equal(plain.body!.toString(), big('news'));
    assert.equal(header(plain.headers, 'content-encoding'), undefined);
    const notModified = cache.lookup('/a', { 'if-none-match': `W/"${big('news').length}"` })!;
    assert.equal(notModified.status, 304);
    assert.equal(notModified.body, null);
    assert.equal(header(notModified.headers, 'etag'), `W/"${big('news').length}"`);
    assert.equal(cache.lookup('/b', {}), null);
    assert.deepEqual([cache.stats().hits, cache.stats().notModified, cache.stats().misses], [3, 1, 1]);
  });

  it('keeps only the bytes it counts: no view of a larger zlib chunk or of the shared buffer pool', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    await cache.store('/a', page(big('news'), ['site']), cache.begin());
    await cache.store('/small', page('tiny', ['site']), cache.begin());
    for (const [url, encoding] of [
      ['/a', 'br'],
      ['/a', 'gzip'],
      ['/a', ''],
      ['/small', ''],
    ] as const) {
      const { body } = cache.lookup(url, { 'accept-encoding': encoding })!;
      assert.equal(body!.buffer.byteLength, body!.length, `${url} ${encoding || 'identity'}`);
    }
  });

  it('drops only the pages that show a touched key, and everything for `site`', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    await cache.store('/sector/health', page('health', ['site', 's-health', 'a1']), cache.begin());
    await cache.store('/sector/economy', page('economy', ['site', 's-economy', 'a2']), cache.begin());
    cache.invalidate(new Set(['s-health']));
    assert.equal(cache.lookup('/sector/health', {}), null);
    assert.ok(cache.lookup('/sector/economy', {}));
    cache.invalidate(new Set(['a2']));
    assert.equal(cache.lookup('/sector/economy', {}), null);
    await cache.store('/x', page('x', ['site', 'k-news']), cache.begin());
    cache.invalidate(new Set(['site']));
    assert.equal(cache.stats().entries, 0);
  });

  it('does not keep a page whose stories changed while it was being rendered', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    const since = cache.begin();
    cache.invalidate(new Set(['a7']));
    await cache.store('/article/7-x', page('old text', ['site', 'a7']), since);
    assert.equal(cache.lookup('/article/7-x', {}), null);
    assert.equal(cache.stats().discarded, 1);
    // A change to something else does not stop it.
    const later = cache.begin();
    cache.invalidate(new Set(['a8']));
    await cache.store('/article/7-x', page('new text', ['site', 'a7']), later);
    assert.equal(cache.lookup('/article/7-x', {})!.body!.toString(), 'new text');
  });

  it('stays within its size, least recently used out first, and lets entries expire', async () => {
    let now = 0;
    const cache = new PageCache({ maxBytes: 3 * (2_000 + 600), ttlMs: 1_000, compressThreshold: 1e9, now: () => now });
    const text = (n: number) => String(n).repeat(2_000 / String(n).length);
    for (const n of [1, 2, 3]) await cache.store(`/p${n}`, page(text(n), ['site']), cache.begin());
    assert.ok(cache.lookup('/p1', {})); // p1 is now the most recently used
    await cache.store('/p4', page(text(4), ['site']), cache.begin());
    assert.equal(cache.lookup('/p2', {}), null);
    assert.ok(cache.lookup('/p1', {}) && cache.lookup('/p4', {}));
    assert.ok(cache.stats().bytes <= cache.maxBytes);
    now = 1_001;
    assert.equal(cache.lookup('/p1', {}), null);
  });

  it('compares ETags weakly and honours If-Modified-Since', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    await cache.store('/p', page('x', ['site'], { etag: 'W/"abc"', 'last-modified': 'Wed, 02 Dec 2026 10:00:00 GMT' }), cache.begin());
    assert.equal(cache.lookup('/p', { 'if-none-match': '"abc"' })!.status, 304);
    assert.equal(cache.lookup('/p', { 'if-none-match': 'W/"other", W/"abc"' })!.status, 304);
    assert.equal(cache.lookup('/p', { 'if-none-match': 'W/"other"' })!.status, 200);
    assert.equal(cache.lookup('/p', { 'if-modified-since': 'Wed, 02 Dec 2026 10:00:00 GMT' })!.status, 304);
    assert.equal(cache.lookup('/p', { 'if-modified-since': 'Tue, 01 Dec 2026 10:00:00 GMT' })!.status, 200);
  });

  it('chooses brotli, then gzip, then none, by the Accept-Encoding q-values', () => {
    const both = { br: 1, gzip: 1, identity: 1 };
    assert.equal(preferredEncoding('gzip, br', both), 'br');
    assert.equal(preferredEncoding('br;q=0, gzip', both), 'gzip');
    assert.equal(preferredEncoding('*', both), 'br');
    assert.equal(preferredEncoding('identity', both), 'identity');
    assert.equal(preferredEncoding(undefined, both), 'identity');
    assert.equal(preferredEncoding('br', { gzip: 1, identity: 1 }), 'identity');
  });
});

describe('the keys a response carries', () => {
  const links = (n: number) => Array.from({ length: n }, (_, i) => `<a href="/article/${i + 1}-story">s</a>`).join('');

  it('names each story a listing links to, beside the listing key and the site', () => {
    assert.deepEqual(responseKeys(new Set(['s-health']), links(3)), ['site', 's-health', 'a1', 'a2', 'a3']);
  });

  it('carries no story keys where the every-story key already covers them', () => {
    assert.deepEqual(responseKeys(new Set([STORIES_KEY]), links(1000)), ['site', STORIES_KEY]);
    assert.deepEqual(responseKeys(null, links(5)), ['site', STORIES_KEY]);
  });

  it('falls back to the every-story key past MAX_STORY_KEYS links, so the header stays small', () => {
    const keys = responseKeys(new Set(['c-IN']), links(MAX_STORY_KEYS + 1));
    assert.deepEqual(keys, ['site', 'c-IN', STORIES_KEY]);
    const atLimit = responseKeys(new Set(['c-IN']), links(MAX_STORY_KEYS));
    assert.equal(atLimit.length, MAX_STORY_KEYS + 2);
    assert.ok(atLimit.join(' ').length < 16 * 1024);
  });
});
