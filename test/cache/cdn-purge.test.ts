import http from 'node:http';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { cdnConfigFrom, createCdnPurger, type BatchingCdnPurger, type CdnConfig, type PurgeLog, type PurgeOptions } from '../../src/cache/cdn-purge.js';
import { ConfigError } from '../../src/config.js';

interface Seen {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Answer = { status: number; body?: unknown } | 'hang';

/** A local HTTP server that records every request and answers as told (by request number, from 1). */
async function fakeServer(answer: (request: Seen, n: number) => Answer | Promise<Answer> = () => ({ status: 200, body: { status: 'ok' } })) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', async () => {
      const request = { method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(parts).toString('utf8') };
      seen.push(request);
      const a = await answer(request, seen.length);
      if (a === 'hang') return;
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A log that keeps its lines, to check what was said and that no token was. */
function recordingLog() {
  const lines: { level: string; obj: object; msg: string }[] = [];
  const log: PurgeLog = {
    warn: (obj, msg) => void lines.push({ level: 'warn', obj, msg }),
    info: (obj, msg) => void lines.push({ level: 'info', obj, msg }),
  };
  return { log, lines, text: () => JSON.stringify(lines) };
}

/** Backoff waits are recorded, not slept. */
function timing(extra: PurgeOptions = {}) {
  const waits: number[] = [];
  const options: PurgeOptions = { sleep: async (ms) => void waits.push(ms), ...extra };
  return { waits, options };
}

function purger(config: CdnConfig, log: PurgeLog, options: PurgeOptions): BatchingCdnPurger {
  const p = createCdnPurger(config, log, options);
  assert.ok(p);
  return p;
}

const keys = (n: number, prefix = 'a') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const TOKEN = 'tok-SECRET-1234567890';

test('Fastly: POST /service/{id}/purge with Surrogate-Key and Fastly-Key, at most 256 keys a call', async (t) => {
  const api = await fakeServer();
  t.after(api.close);
  const { log, lines, text } = recordingLog();
  const { options } = timing();
  const p = purger(cdnConfigFrom({ CDN_PURGE: 'fastly', FASTLY_SERVICE_ID: 'SVC1', FASTLY_API_TOKEN: TOKEN, FASTLY_API_URL: api.url }), log, options);
  assert.equal(p.name, 'fastly');

  const wanted = keys(300);
  // duplicates and keys that are not surrogate keys are dropped
  await Promise.all([p.purge([...wanted, 'a1', 'a2']), p.purge(['a3', 'has space', 'x'.repeat(65), '']), p.flush()]);

  assert.equal(api.seen.length, 2);
  for (const r of api.seen) {
    assert.equal(r.method, 'POST');
    assert.equal(r.path, '/service/SVC1/purge');
    assert.equal(r.headers['fastly-key'], TOKEN);
    assert.equal(r.headers.accept, 'application/json');
  }
  const sent = api.seen.map((r) => String(r.headers['surrogate-key']).split(' '));
  assert.deepEqual(
    sent.map((s) => s.length).sort((a, b) => b - a),
    [256, 44],
  );
  assert.deepEqual(sent.flat().sort(), [...wanted].sort());
  assert.deepEqual(p.stats(), { purges: 2, keysSent: 300, failures: 0, lastError: null });
  assert.equal(lines.filter((l) => l.level === 'warn').length, 1, 'one warning about the dropped keys');
  assert.match(text(), /dropped/);
  assert.doesNotMatch(text(), new RegExp(TOKEN));
});

test('Fastly: purgeAll is POST /service/{id}/purge_all and takes in the keys waiting with it', async (t) => {
  const api = await fakeServer();
  t.after(api.close);
  const p = purger({ kind: 'fastly', apiUrl: api.url, serviceId: 'SVC1', apiToken: TOKEN }, recordingLog().log, timing().options);
  await Promise.all([p.purge(['a1', 's4']), p.purgeAll(), p.flush()]);
  assert.equal(api.seen.length, 1);
  assert.equal(api.seen[0]!.method, 'POST');
  assert.equal(api.seen[0]!.path, '/service/SVC1/purge_all');
  assert.equal(api.seen[0]!.headers['fastly-key'], TOKEN);
  assert.equal(api.seen[0]!.headers['surrogate-key'], undefined);
  assert.equal(p.stats().purges, 1);
});

test('a 500 is retried after the first backoff wait, then counted as done', async (t) => {
  const api = await fakeServer((_r, n) => (n === 1 ? { status: 500, body: 'busy' } : { status: 200, body: { status: 'ok' } }));
  t.after(api.close);
  const { log, lines } = recordingLog();
  const { waits, options } = timing();
  const p = purger({ kind: 'fastly', apiUrl: api.url, serviceId: 'SVC1', apiToken: TOKEN }, log, options);
  await Promise.all([p.purge(['a1']), p.flush()]);
  assert.equal(api.seen.length, 2);
  assert.deepEqual(waits, [500]);
  assert.deepEqual(p.stats(), { purges: 1, keysSent: 1, failures: 0, lastError: null });
  assert.ok(lines.some((l) => l.level === 'info' && /after retrying/.test(l.msg)));
});

test('a purge that keeps failing is tried four times (0.5 s, 2 s, 8 s apart), logged once and counted; purge() still resolves', async (t) => {
  const api = await fakeServer(() => ({ status: 503, body: `upstream said ${TOKEN}` }));
  t.after(api.close);
  const { log, lines, text } = recordingLog();
  const { waits, options } = timing();
  const p = purger({ kind: 'fastly', apiUrl: api.url, serviceId: 'SVC1', apiToken: TOKEN }, log, options);
  await Promise.all([p.purge(['a1', 'a2']), p.flush()]);
  assert.equal(api.seen.length, 4);
  assert.deepEqual(waits, [500, 2000, 8000]);
  const stats = p.stats();
  assert.equal(stats.purges, 0);
  assert.equal(stats.failures, 1);
  assert.match(stats.lastError ?? '', /HTTP 503/);
  assert.doesNotMatch(stats.lastError ?? '', new RegExp(TOKEN), 'the token is never kept');
  assert.deepEqual(
    lines.filter((l) => l.level === 'warn').map((l) => l.msg),
    ['CDN purge failed'],
  );
  assert.doesNotMatch(text(), new RegExp(TOKEN));
});

test('a refusal (401) is not retried', async (t) => {
  const api = await fakeServer(() => ({ status: 401, body: { msg: 'Provided credentials are missing or invalid' } }));
  t.after(api.close);
  const { waits, options } = timing();
  const p = purger({ kind: 'fastly', apiUrl: api.url, serviceId: 'SVC1', apiToken: TOKEN }, recordingLog().log, options);
  await Promise.all([p.purge(['a1']), p.flush()]);
  assert.equal(api.seen.length, 1);
  assert.deepEqual(waits, []);
  assert.equal(p.stats().failures, 1);
  assert.match(p.stats().lastError ?? '', /HTTP 401: .*credentials/);
});

test('Cloudflare: POST /zones/{zone}/purge_cache with a bearer token and {"tags":[…]}, at most 100 a call', async (t) => {
  const api = await fakeServer(() => ({ status: 200, body: { success: true, errors: [], messages: [], result: { id: 'x' } } }));
  t.after(api.close);
  const { log, text } = recordingLog();
  const p = purger(
    cdnConfigFrom({ CDN_PURGE: 'cloudflare', CLOUDFLARE_ZONE_ID: 'zone9', CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_URL: `${api.url}/client/v4/` }),
    log,
    timing().options,
  );
  assert.equal(p.name, 'cloudflare');
  const wanted = keys(250, 'e');
  await Promise.all([p.purge(wanted), p.flush()]);
  assert.equal(api.seen.length, 3);
  for (const r of api.seen) {
    assert.equal(r.method, 'POST');
    assert.equal(r.path, '/client/v4/zones/zone9/purge_cache');
    assert.equal(r.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(r.headers['content-type'], 'application/json');
  }
  const bodies = api.seen.map((r) => JSON.parse(r.body) as { tags: string[] });
  assert.deepEqual(
    bodies.map((b) => b.tags.length).sort((a, b) => b - a),
    [100, 100, 50],
  );
  assert.deepEqual(bodies.flatMap((b) => b.tags).sort(), [...wanted].sort());
  assert.deepEqual(p.stats(), { purges: 3, keysSent: 250, failures: 0, lastError: null });

  await Promise.all([p.purgeAll(), p.flush()]);
  assert.equal(api.seen.length, 4);
  assert.equal(api.seen[3]!.path, '/client/v4/zones/zone9/purge_cache');
  assert.deepEqual(JSON.parse(api.seen[3]!.body), { purge_everything: true });
  assert.doesNotMatch(text(), new RegExp(TOKEN));
});

test('Cloudflare: an answer with success:false is a failure, with its errors in lastError', async (t) => {
  const api = await fakeServer(() => ({
    status: 200,
    body: { success: false, errors: [{ code: 1134, message: 'Purge by tag is not available' }], messages: [] },
  }));
  t.after(api.close);
  const { log, lines } = recordingLog();
  const p = purger({ kind: 'cloudflare', apiUrl: api.url, zoneId: 'zone9', apiToken: TOKEN }, log, timing().options);
  await Promise.all([p.purge(['site']), p.flush()]);
  assert.equal(p.stats().purges, 0);
  assert.equal(p.stats().failures, 1);
  assert.match(p.stats().lastError ?? '', /success:false: 1134 Purge by tag is not available/);
  assert.equal(lines.filter((l) => l.level === 'warn').length, 1);
});

test('Cloudflare: a 429 is retried; an answer that is not its JSON is a failure', async (t) => {
  const api = await fakeServer((_r, n) =>
    n === 1 ? { status: 429, body: { success: false, errors: [{ code: 971, message: 'slow down' }] } } : { status: 200, body: '<html>hi</html>' },
  );
  t.after(api.close);
  const { waits, options } = timing();
  const p = purger({ kind: 'cloudflare', apiUrl: api.url, zoneId: 'zone9', apiToken: TOKEN }, recordingLog().log, options);
  await Promise.all([p.purge(['site']), p.flush()]);
  assert.equal(api.seen.length, 2);
  assert.deepEqual(waits, [500]);
  assert.equal(p.stats().failures, 1);
  assert.match(p.stats().lastError ?? '', /not Cloudflare's JSON/);
});

test('calls within the coalescing window go out as one batch; calls while a batch is out go in the next one', async (t) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const api = await fakeServer(async (_r, n) => {
    if (n === 1) await held; // the first answer waits until the test says so
    return { status: 200, body: { status: 'ok' } };
  });
  t.after(api.close);
  const timers: { run: () => void; ms: number }[] = [];
  const schedule = (run: () => void, ms: number) => {
    timers.push({ run, ms });
    return () => {};
  };
  const p = purger({ kind: 'fastly', apiUrl: api.url, serviceId: 'SVC1', apiToken: TOKEN }, recordingLog().log, { schedule });
  let firstDone = false;
  const first = Promise.all([p.purge(['a1']), p.purge(['a2', 'a1']), p.purge(['s4'])]).then(() => (firstDone = true));
  assert.deepEqual(
    timers.map((x) => x.ms),
    [50],
    'one 50 ms timer for the three calls',
  );
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(api.seen.length, 0, 'nothing is sent before the window closes');
  timers[0]!.run();
  await waitFor(() => api.seen.length === 1);
  assert.equal(api.seen[0]!.headers['surrogate-key'], 'a1 a2 s4');

  // While the first batch is out, more calls wait for it and then go out together.
  const second = Promise.all([p.purge(['e2']), p.purge(['feed', 'e2'])]);
  assert.equal(timers.length, 1, 'no new timer while a batch is out');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(api.seen.length, 1);
  assert.equal(firstDone, false, 'purge() resolves only when its batch is done');
  release();
  await first;
  await second;
  assert.deepEqual(
    api.seen.map((r) => r.headers['surrogate-key']),
    ['a1 a2 s4', 'e2 feed'],
  );
  assert.deepEqual(p.stats(), { purges: 2, keysSent: 5, failures: 0, lastError: null });
});

test('a request without an answer fails after the time-out; a refused connection is retried', async (t) => {
  const api = await fakeServer(() => 'hang');
  t.after(api.close);
  const p = purger({ kind: 'fastly', apiUrl: api.url, serviceId: 'SVC1', apiToken: TOKEN }, recordingLog().log, { timeoutMs: 100, retryDelaysMs: [] });
  await Promise.all([p.purge(['a1']), p.flush()]);
  assert.equal(p.stats().failures, 1);
  assert.match(p.stats().lastError ?? '', /no answer within 0\.1 s/);

  const gone = await fakeServer();
  await gone.close();
  const { waits, options } = timing();
  const q = purger({ kind: 'varnish', servers: [gone.url] }, recordingLog().log, options);
  await Promise.all([q.purge(['a1']), q.flush()]);
  assert.deepEqual(waits, [500, 2000, 8000]);
  assert.match(q.stats().lastError ?? '', /ECONNREFUSED/);
});

test('close() sends what is waiting and cuts retry waits short', async (t) => {
  const api = await fakeServer((_r, n) => (n === 1 ? { status: 503 } : { status: 200, body: { status: 'ok' } }));
  t.after(api.close);
  const timers: (() => void)[] = [];
  const p = purger({ kind: 'fastly', apiUrl: api.url, serviceId: 'SVC1', apiToken: TOKEN }, recordingLog().log, {
    schedule: (run) => (timers.push(run), () => {}),
    // a real wait of an hour, unless close() aborts it
    retryDelaysMs: [3_600_000],
  });
  const done = p.purge(['a1']);
  const closed = p.close();
  await Promise.all([done, closed]);
  assert.equal(api.seen.length, 2, 'the retry went out at once');
  assert.deepEqual(p.stats(), { purges: 1, keysSent: 1, failures: 0, lastError: null });
  // after close, a purge is sent without waiting for a timer
  await p.purge(['a2']);
  assert.equal(api.seen.length, 3);
  assert.equal(timers.length, 1, 'only the call before close() waited for a timer');
});

test('Varnish: PURGE / with xkey-purge to every server, split under 8 KB a header; purgeAll purges "site"', async (t) => {
  const one = await fakeServer(() => ({ status: 200, body: 'Purged 3 objects' }));
  const two = await fakeServer(() => ({ status: 200, body: 'Purged 1 objects' }));
  t.after(one.close);
  t.after(two.close);
  const p = purger(cdnConfigFrom({ CDN_PURGE: 'varnish', VARNISH_PURGE_URL: `${one.url}, ${two.url}/` }), recordingLog().log, timing().options);
  assert.equal(p.name, 'varnish');
  await Promise.all([p.purge(['a123', 's4', 'cIN']), p.flush()]);
  for (const server of [one, two]) {
    assert.equal(server.seen.length, 1);
    assert.equal(server.seen[0]!.method, 'PURGE');
    assert.equal(server.seen[0]!.path, '/');
    assert.equal(server.seen[0]!.headers['xkey-purge'], 'a123 s4 cIN');
  }

  const long = Array.from({ length: 400 }, (_, i) => `article:${String(i).padStart(4, '0')}:${'x'.repeat(50)}`); // 64 characters each
  await Promise.all([p.purge(long), p.flush()]);
  const headers = one.seen.slice(1).map((r) => String(r.headers['xkey-purge']));
  assert.ok(headers.length >= 4, `${headers.length} requests`);
  for (const h of headers) assert.ok(h.length < 8000, `header of ${h.length} bytes`);
  assert.deepEqual(headers.flatMap((h) => h.split(' ')).sort(), [...long].sort());
  assert.equal(two.seen.length, one.seen.length);

  await Promise.all([p.purgeAll(), p.flush()]);
  assert.equal(one.seen.at(-1)!.headers['xkey-purge'], 'site');
  assert.equal(two.seen.at(-1)!.headers['xkey-purge'], 'site');
  assert.equal(p.stats().failures, 0);
  assert.equal(p.stats().keysSent, 2 * (3 + 400 + 1));
});

test('Varnish: a 405 (not in the purgers ACL) is a failure, not retried, with a hint', async (t) => {
  const server = await fakeServer(() => ({ status: 405, body: 'Method Not Allowed' }));
  t.after(server.close);
  const { waits, options } = timing();
  const p = purger({ kind: 'varnish', servers: [server.url] }, recordingLog().log, options);
  await Promise.all([p.purge(['a1']), p.flush()]);
  assert.deepEqual(waits, []);
  assert.match(p.stats().lastError ?? '', /405.*purgers ACL/);
});

test('configuration: unset is no CDN; a missing or bad variable is named, and tokens are not repeated', () => {
  assert.deepEqual(cdnConfigFrom({}), { kind: 'none' });
  assert.equal(createCdnPurger(cdnConfigFrom({ CDN_PURGE: '' }), recordingLog().log), null);
  assert.deepEqual(cdnConfigFrom({ CDN_PURGE: 'fastly', FASTLY_SERVICE_ID: 'SVC1', FASTLY_API_TOKEN: 't' }), {
    kind: 'fastly',
    apiUrl: 'https://api.fastly.com',
    serviceId: 'SVC1',
    apiToken: 't',
  });
  assert.deepEqual(cdnConfigFrom({ CDN_PURGE: 'cloudflare', CLOUDFLARE_ZONE_ID: 'z1', CLOUDFLARE_API_TOKEN: 't' }), {
    kind: 'cloudflare',
    apiUrl: 'https://api.cloudflare.com/client/v4',
    zoneId: 'z1',
    apiToken: 't',
  });
  const bad: [NodeJS.ProcessEnv, RegExp][] = [
    [{ CDN_PURGE: 'akamai' }, /^CDN_PURGE="akamai" is not valid/],
    [{ CDN_PURGE: 'varnish' }, /^VARNISH_PURGE_URL="" is not valid: is required when CDN_PURGE=varnish/],
    [{ CDN_PURGE: 'varnish', VARNISH_PURGE_URL: 'http://127.0.0.1:6081,ftp://cache' }, /^VARNISH_PURGE_URL=.* is not valid: must be http\(s\)/],
    [{ CDN_PURGE: 'varnish', VARNISH_PURGE_URL: 'http://user:pw@127.0.0.1:6081' }, /^VARNISH_PURGE_URL=/],
    [{ CDN_PURGE: 'fastly', FASTLY_API_TOKEN: TOKEN }, /^FASTLY_SERVICE_ID="" is not valid: is required/],
    [{ CDN_PURGE: 'fastly', FASTLY_SERVICE_ID: 'SVC1' }, /^FASTLY_API_TOKEN="" is not valid: is required/],
    [
      { CDN_PURGE: 'fastly', FASTLY_SERVICE_ID: 'SVC1', FASTLY_API_TOKEN: TOKEN, FASTLY_API_URL: 'api.fastly.com' },
      /^FASTLY_API_URL="api.fastly.com" is not valid: must be an absolute http\(s\) URL/,
    ],
    [{ CDN_PURGE: 'cloudflare', CLOUDFLARE_API_TOKEN: TOKEN }, /^CLOUDFLARE_ZONE_ID="" is not valid/],
    [{ CDN_PURGE: 'cloudflare', CLOUDFLARE_ZONE_ID: 'z1' }, /^CLOUDFLARE_API_TOKEN="" is not valid/],
    [{ CDN_PURGE: 'cloudflare', CLOUDFLARE_ZONE_ID: 'z/../1', CLOUDFLARE_API_TOKEN: TOKEN }, /^CLOUDFLARE_ZONE_ID="z\/..\/1" is not valid/],
    [{ CDN_PURGE: 'cloudflare', CLOUDFLARE_ZONE_ID: 'z1', CLOUDFLARE_API_TOKEN: `${TOKEN} x` }, /^CLOUDFLARE_API_TOKEN="…" is not valid/],
    [{ CDN_PURGE: 'cloudflare', CLOUDFLARE_ZONE_ID: 'z1', CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_URL: 'file:///etc/passwd' }, /^CLOUDFLARE_API_URL=/],
  ];
  for (const [env, message] of bad) {
    assert.throws(
      () => cdnConfigFrom(env),
      (error: Error) => {
        assert.ok(error instanceof ConfigError, `${error.name} for ${JSON.stringify(env)}`);
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, new RegExp(TOKEN));
        assert.doesNotMatch(error.message, /\n/);
        return true;
      },
    );
  }
});

test("the app's pino logger is a PurgeLog", () => {
  const log: PurgeLog = pino({ enabled: false });
  assert.ok(createCdnPurger({ kind: 'varnish', servers: ['http://127.0.0.1:6081'] }, log));
});

/** Polls (no fixed sleep) until the condition holds, for events in another part of the program. */
async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
