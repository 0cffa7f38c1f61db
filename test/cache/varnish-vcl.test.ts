import http from 'node:http';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCdnPurger } from '../../src/cache/cdn-purge.js';
import { startVarnish, varnishAvailable, type TestVarnish } from '../helpers/varnish.js';

// The shipped VCL (ops/varnish/wiredesk.vcl) in a real varnishd with the xkey vmod, in front of
// a small origin that answers the way the app's response cache does.

const CACHEABLE = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400';
const SURROGATE_CONTROL = 'max-age=300, stale-while-revalidate=60, stale-if-error=86400';

interface Hit {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** The origin: `?k=a1,s4` adds surrogate keys to `site`; some paths answer as the app would not cache. */
async function startOrigin() {
  const hits: Hit[] = [];
  const served = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://origin');
    if (url.pathname === '/healthz') return res.end('ok');
    hits.push({ method: req.method!, url: req.url!, headers: req.headers });
    const n = (served.get(req.url!) ?? 0) + 1;
    served.set(req.url!, n);
    const keys = ['site', ...(url.searchParams.get('k')?.split(',') ?? [])];
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Surrogate-Key', keys.join(' '));
    res.setHeader('Cache-Tag', keys.join(','));
    if (url.pathname === '/short') {
      // stale after one second: only grace can serve it after that
      res.setHeader('Cache-Control', 'public, max-age=1, s-maxage=1, stale-if-error=86400');
      res.setHeader('Surrogate-Control', 'max-age=1, stale-while-revalidate=60, stale-if-error=86400');
    } else if (url.pathname === '/private') {
      res.setHeader('Cache-Control', 'private, max-age=60');
    } else if (url.pathname === '/no-store') {
      res.setHeader('Cache-Control', 'no-store');
    } else {
      res.setHeader('Cache-Control', CACHEABLE);
      res.setHeader('Surrogate-Control', SURROGATE_CONTROL);
    }
    if (url.pathname === '/sets-cookie') res.setHeader('Set-Cookie', 'seen=1; Path=/');
    res.end(`${req.method} ${req.url} #${n}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const count = (path: string) => hits.filter((h) => h.url === path).length;
  return {
    port,
    hits,
    count,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a fresh connection, headers exactly as given. */
function request(base: string, path: string, options: { method?: string; headers?: Record<string, string>; localAddress?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, base),
      { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false, localAddress: options.localAddress },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Polls until `check` holds (or throws after `ms`), for what Varnish decides in its own time. */
async function eventually<T>(what: string, check: () => Promise<T | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const result = await check();
    if (result !== false) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const available = varnishAvailable();
const skip = !available && !process.env.CI ? 'varnishd is not installed (apt-get install varnish varnish-modules); CI=true makes this a failure' : false;

test('ops/varnish/wiredesk.vcl in a real Varnish', { skip }, async (t) => {
  const origin = await startOrigin();
  let varnish: TestVarnish;
  try {
    varnish = await startVarnish({ backendPort: origin.port });
  } catch (error) {
    await origin.close();
    throw error;
  }
  t.after(async () => {
    await varnish.stop();
    await origin.close();
  });
  const get = (path: string, options?: Parameters<typeof request>[2]) => request(varnish.url, path, options);

  await t.test('a second GET is a hit; the cache headers meant for caches are not delivered', async () => {
    const before = await varnish.stats();
    const first = await get('/hit?k=a1');
    const second = await get('/hit?k=a1');
    assert.equal(first.status, 200);
    assert.equal(first.headers['x-cache'], 'MISS');
    assert.equal(second.headers['x-cache'], 'HIT');
    assert.equal(second.body, first.body);
    assert.equal(origin.count('/hit?k=a1'), 1);
    // Worker threads hand their counters to varnishstat in their own time: wait for both to show.
    const after = await eventually('the hit and the miss in varnishstat', async () => {
      const stats = await varnish.stats();
      return stats['MAIN.cache_hit']! >= before['MAIN.cache_hit']! + 1 && stats['MAIN.cache_miss']! >= before['MAIN.cache_miss']! + 1 && stats;
    }).catch(() => varnish.stats());
    assert.ok(after['MAIN.cache_hit']! >= before['MAIN.cache_hit']! + 1, 'cache_hit grew');
    assert.ok(after['MAIN.cache_miss']! >= before['MAIN.cache_miss']! + 1, 'cache_miss grew');
    for (const name of ['surrogate-key', 'surrogate-control', 'xkey', 'cache-tag']) assert.equal(second.headers[name], undefined, name);
    assert.equal(second.headers['cache-control'], CACHEABLE, 'browsers still get Cache-Control');
  });

  await t.test('PURGE with xkey-purge evicts the objects with that key and no others', async () => {
    await get('/story?k=a7,s4');
    await get('/other?k=a8,s5');
    assert.equal((await get('/story?k=a7,s4')).headers['x-cache'], 'HIT');
    assert.equal((await get('/other?k=a8,s5')).headers['x-cache'], 'HIT');

    const purged = await get('/', { method: 'PURGE', headers: { 'xkey-purge': 'a7 nosuchkey' } });
    assert.equal(purged.status, 200);
    assert.equal(purged.headers['xkey-purged'], '1');
    assert.match(purged.body, /Purged 1 objects/);

    const story = await get('/story?k=a7,s4');
    assert.equal(story.headers['x-cache'], 'MISS');
    assert.match(story.body, /#2$/);
    assert.equal((await get('/other?k=a8,s5')).headers['x-cache'], 'HIT', 'an unrelated object stays');
  });

  await t.test('PURGE only from the purgers ACL (localhost); from elsewhere 405 and nothing purged', async () => {
    await get('/acl?k=a9');
    const refused = await get('/', { method: 'PURGE', headers: { 'xkey-purge': 'a9' }, localAddress: '127.0.0.2' });
    assert.equal(refused.status, 405);
    assert.equal((await get('/acl?k=a9')).headers['x-cache'], 'HIT');
    assert.equal((await get('/', { method: 'PURGE' })).status, 400, 'PURGE without xkey-purge');
  });

  await t.test('not cached: the newsroom, wd_session, writes, Set-Cookie, private and no-store answers', async () => {
    const twice = async (path: string, options?: Parameters<typeof request>[2]) => {
      const a = await get(path, options);
      const b = await get(path, options);
      return [a, b] as const;
    };
    for (const path of ['/newsroom', '/newsroom/articles?k=a1', '/sets-cookie', '/private', '/no-store']) {
      const [, b] = await twice(path);
      assert.equal(b.headers['x-cache'], 'MISS', path);
      assert.equal(origin.count(path), 2, path);
    }
    const [, signedIn] = await twice('/signed-in', { headers: { Cookie: 'theme=dark; wd_session=abc123' } });
    assert.equal(signedIn.headers['x-cache'], 'MISS');
    assert.equal(origin.count('/signed-in'), 2);
    assert.equal(origin.hits.at(-1)!.headers.cookie, 'theme=dark; wd_session=abc123', 'the session reaches the app');
    // Over https the session cookie is __Host-wd_session.
    const [, signedInHttps] = await twice('/signed-in-https', { headers: { Cookie: 'theme=dark; __Host-wd_session=abc123' } });
    assert.equal(signedInHttps.headers['x-cache'], 'MISS');
    assert.equal(origin.count('/signed-in-https'), 2);
    assert.equal(origin.hits.at(-1)!.headers.cookie, 'theme=dark; __Host-wd_session=abc123', 'the https session reaches the app');

    await twice('/form', { method: 'POST' });
    assert.equal(origin.count('/form'), 2);

    // Any other cookie is dropped and the page is cached.
    const [, reader] = await twice('/reader', { headers: { Cookie: 'theme=dark' } });
    assert.equal(reader.headers['x-cache'], 'HIT');
    assert.equal(origin.hits.find((h) => h.url === '/reader')!.headers.cookie, undefined);
  });

  await t.test('Accept-Encoding is normalised to "br, gzip", "gzip" or none', async () => {
    const sent: [string, string | undefined][] = [
      ['gzip, deflate, br, zstd', 'br, gzip'],
      ['br;q=1.0, gzip;q=0.8, *;q=0.1', 'br, gzip'],
      ['GZIP, deflate', 'gzip'],
      ['gzip, br;q=0', 'gzip'],
      ['identity', undefined],
      ['br', undefined],
    ];
    for (const [i, [given, expected]] of sent.entries()) {
      await get(`/enc${i}`, { headers: { 'Accept-Encoding': given } });
      assert.equal(origin.hits.find((h) => h.url === `/enc${i}`)!.headers['accept-encoding'], expected, given);
    }
    // one object per normalised value
    await get('/variants', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    assert.equal((await get('/variants', { headers: { 'Accept-Encoding': 'br, gzip' } })).headers['x-cache'], 'HIT');
    assert.equal((await get('/variants', { headers: { 'Accept-Encoding': 'gzip' } })).headers['x-cache'], 'MISS');
    assert.equal((await get('/variants', { headers: { 'Accept-Encoding': 'x-gzip, gzip;q=0.5' } })).headers['x-cache'], 'HIT');
  });

  await t.test('the Varnish adapter purges end to end, also keys spread over several PURGE requests', async () => {
    const purger = createCdnPurger({ kind: 'varnish', servers: [varnish.url] }, { warn: () => {} });
    assert.ok(purger);
    await get('/adapter-one?k=a21');
    await get('/adapter-two?k=a22');
    await Promise.all([purger.purge(['a21']), purger.flush()]);
    assert.deepEqual(purger.stats(), { purges: 1, keysSent: 1, failures: 0, lastError: null });
    assert.equal((await get('/adapter-one?k=a21')).headers['x-cache'], 'MISS');
    assert.equal((await get('/adapter-two?k=a22')).headers['x-cache'], 'HIT');

    // 300 keys of 64 characters: about 19 KB of keys, more than one header may hold
    const many = Array.from({ length: 300 }, (_, i) => `k${String(i).padStart(3, '0')}${'x'.repeat(60)}`);
    await get(`/adapter-many?k=${many[299]}`);
    await Promise.all([purger.purge(many), purger.flush()]);
    const stats = purger.stats();
    assert.equal(stats.failures, 0, stats.lastError ?? '');
    assert.ok(stats.purges >= 4, `${stats.purges} requests`);
    assert.equal((await get(`/adapter-many?k=${many[299]}`)).headers['x-cache'], 'MISS', 'the key in the last request purged');

    await Promise.all([purger.purgeAll(), purger.flush()]);
    assert.equal((await get('/adapter-two?k=a22')).headers['x-cache'], 'MISS', 'purgeAll purges "site"');
    assert.equal((await get('/hit?k=a1')).headers['x-cache'], 'MISS');
    await purger.close();
  });

  // Last: it stops the origin.
  await t.test('with the origin down and the probe saying sick, a stale object is still served (stale-if-error)', async () => {
    const first = await get('/short?k=a31');
    assert.equal(first.status, 200);
    const storedAt = Date.now();
    await origin.close();
    await eventually('the probe to mark the backend sick', async () => /\bsick\b/.test(await varnish.adm('backend.list')));
    // Past its TTL (1 s) and past the 10 s of grace a healthy backend allows.
    const until = storedAt + 12_000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())));
    const stale = await get('/short?k=a31');
    assert.equal(stale.status, 200);
    assert.equal(stale.body, first.body);
    assert.equal(stale.headers['x-cache'], 'HIT');
    assert.ok(Number(stale.headers.age) >= 11, `Age ${stale.headers.age}`);
    const never = await get('/never-cached');
    assert.equal(never.status, 503, 'what is not in the cache cannot be served');
  });
});
