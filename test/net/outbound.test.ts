import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { OutboundRefusedError, parseAllowList, type OutboundPolicy } from '../../src/net/address-policy.js';
import { BodyTooLargeError } from '../../src/net/http-body.js';
import { describeFailure, outboundFetch } from '../../src/net/outbound.js';

/** A local server that records what reached it and answers by path. */
async function localServer(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const hits: { path: string; headers: http.IncomingHttpHeaders; method: string }[] = [];
  const server = http.createServer((req, res) => {
    hits.push({ path: req.url ?? '', headers: req.headers, method: req.method ?? '' });
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    hits,
    port,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const allow = (text: string, lookup?: OutboundPolicy['lookup']): OutboundPolicy => ({ allow: parseAllowList(text), ...(lookup ? { lookup } : {}) });

describe('the outbound client', () => {
  let front: Awaited<ReturnType<typeof localServer>>;
  let inner: Awaited<ReturnType<typeof localServer>>;

  before(async () => {
    // `inner` stands for a service on the private network; `front` for a server that may be
    // reached (allowed by its port) and that redirects wherever it is told.
    inner = await localServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('internal secret'));
    front = await localServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/to') return res.writeHead(302, { location: url.searchParams.get('u')! }).end();
      if (url.pathname === '/loop') return res.writeHead(301, { location: '/loop' }).end();
      if (url.pathname === '/big-declared') return res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) }).end(Buffer.alloc(2 * 1024 * 1024));
      if (url.pathname === '/big-streamed') {
        res.writeHead(200); // no length: chunked
        for (let i = 0; i < 40; i++) res.write(Buffer.alloc(64 * 1024, 1));
        return res.end();
      }
      if (url.pathname === '/silent') return; // never answers
      if (url.pathname === '/slow-body') {
        res.writeHead(200);
        res.write('a'); // and then nothing
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain', 'x-test': 'yes' }).end(`front ${url.pathname}`);
    });
  });
  after(async () => {
    await front.close();
    await inner.close();
  });

  it('refuses a loopback address unless the allow-list names it, and then answers like fetch', async () => {
    await assert.rejects(
      outboundFetch(`${front.url}/a`),
      (e: Error) => e instanceof OutboundRefusedError && /127\.0\.0\.1 is a loopback address/.test(e.message),
    );
    assert.equal(front.hits.length, 0, 'nothing reached the server');
    const res = await outboundFetch(`${front.url}/a`, { policy: allow(`127.0.0.1:${front.port}`) });
    assert.equal(res.status, 200);
    assert.equal(res.ok, true);
    assert.equal(res.headers.get('x-test'), 'yes');
    assert.equal(await res.text(), 'front /a');
  });

  it('checks every redirect: an allowed first hop that redirects to a private address that is not allowed is refused before connecting', async () => {
    const policy = allow(`127.0.0.1:${front.port}`);
    const before = inner.hits.length;
    for (const target of [
      `${inner.url}/secret`,
      'http://169.254.169.254/latest/meta-data/',
      `http://[::ffff:127.0.0.1]:${inner.port}/`,
      `http://2130706433:${inner.port}/`,
      `http://localhost:${inner.port}/`,
    ]) {
      await assert.rejects(
        outboundFetch(`${front.url}/to?u=${encodeURIComponent(target)}`, { policy }),
        (e: Error) => e instanceof OutboundRefusedError && /^refused: /.test(e.message),
        target,
      );
    }
    assert.equal(inner.hits.length, before, 'the private server was never reached');
    // A redirect to somewhere allowed is followed.
    const res = await outboundFetch(`${front.url}/to?u=${encodeURIComponent(`${front.url}/landed`)}`, { policy });
    assert.equal(await res.text(), 'front /landed');
    // And a scheme change is refused.
    await assert.rejects(outboundFetch(`${front.url}/to?u=${encodeURIComponent('file:///etc/passwd')}`, { policy }), /only http and https/);
  });

  it('caps redirects, refuses them where asked, and returns them as they are in manual mode', async () => {
    const policy = allow(`127.0.0.1:${front.port}`);
    await assert.rejects(outboundFetch(`${front.url}/loop`, { policy }), /more than 5 redirects/);
    await assert.rejects(outboundFetch(`${front.url}/loop`, { policy, maxRedirects: 1 }), /more than 1 redirects/);
    await assert.rejects(outboundFetch(`${front.url}/loop`, { policy, redirect: 'error' }), /redirects are not followed/);
    const manual = await outboundFetch(`${front.url}/loop`, { policy, redirect: 'manual' });
    assert.equal(manual.status, 301);
  });

  it('drops Authorization when a redirect leaves the origin, and POST becomes GET after a 302', async () => {
    const policy = allow(`127.0.0.1:${front.port}, 127.0.0.1:${inner.port}`);
    await outboundFetch(`${front.url}/to?u=${encodeURIComponent(`${inner.url}/next`)}`, {
      policy,
      method: 'POST',
      body: 'x=1',
      headers: { Authorization: 'Bearer secret', 'content-type': 'application/x-www-form-urlencoded' },
    });
    const hit = inner.hits.at(-1)!;
    assert.equal(hit.path, '/next');
    assert.equal(hit.method, 'GET');
    assert.equal(hit.headers.authorization, undefined);
    assert.equal(front.hits.at(-1)!.headers.authorization, 'Bearer secret', 'the first hop had it');
  });

  it('checks the address the name resolves to where the connection is made (DNS rebinding gets nowhere)', async () => {
    // The name looks public, and resolved to a public address when it was entered; at connection
    // time it resolves to this machine.
    let answers = [[{ address: '93.184.216.34', family: 4 }], [{ address: '127.0.0.1', family: 4 }]];
    const rebinding = allow('', async () => answers.shift() ?? []);
    const { destinationProblem } = await import('../../src/net/address-policy.js');
    assert.equal(await destinationProblem(`http://feeds.example.org:${inner.port}/`, rebinding), null, 'public when entered');
    const before = inner.hits.length;
    await assert.rejects(outboundFetch(`http://feeds.example.org:${inner.port}/`, { policy: rebinding }), /feeds\.example\.org resolves to a loopback address/);
    // One public and one private answer: refused as a whole.
    answers = [
      [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
    ];
    await assert.rejects(outboundFetch(`http://feeds.example.org:${inner.port}/`, { policy: rebinding }), /resolves to a private address/);
    assert.equal(inner.hits.length, before);
    // An allowed address behind a name is reached.
    const allowed = allow(`127.0.0.1:${inner.port}`, async () => [{ address: '127.0.0.1', family: 4 }]);
    assert.equal(await (await outboundFetch(`http://agency.example:${inner.port}/`, { policy: allowed })).text(), 'internal secret');
  });

  it('caps the body: as declared, and as it arrives', async () => {
    const policy = allow(`127.0.0.1:${front.port}`);
    await assert.rejects(outboundFetch(`${front.url}/big-declared`, { policy, maxBytes: 1024 * 1024 }), BodyTooLargeError);
    const res = await outboundFetch(`${front.url}/big-streamed`, { policy, maxBytes: 1024 * 1024 });
    assert.equal(res.status, 200);
    await assert.rejects(res.arrayBuffer(), (e: Error) => e instanceof BodyTooLargeError || (e as { cause?: unknown }).cause instanceof BodyTooLargeError);
    assert.equal((await (await outboundFetch(`${front.url}/big-streamed`, { policy, maxBytes: 4 * 1024 * 1024 })).arrayBuffer()).byteLength, 40 * 64 * 1024);
  });

  it('caps the time: a server that never answers, and one that stops halfway through the body', async () => {
    const policy = allow(`127.0.0.1:${front.port}`);
    const started = Date.now();
    const error = await outboundFetch(`${front.url}/silent`, { policy, timeoutMs: 200 }).then(
      () => null,
      (e: Error) => e,
    );
    assert.equal(error?.name, 'TimeoutError');
    assert.ok(Date.now() - started < 5_000);
    assert.equal(describeFailure(error, 200), 'no answer within 0.2 s');
    const res = await outboundFetch(`${front.url}/slow-body`, { policy, timeoutMs: 300 });
    await assert.rejects(res.text(), (e: Error) => e.name === 'TimeoutError' || (e as { cause?: Error }).cause?.name === 'TimeoutError');
  });

  it('reaches an address the operator configured (trust) without the allow-list, but not where it redirects', async () => {
    const res = await outboundFetch(`${front.url}/configured`, { trust: [`${front.url}/v1`] });
    assert.equal(await res.text(), 'front /configured');
    await assert.rejects(outboundFetch(`${front.url}/to?u=${encodeURIComponent(`${inner.url}/x`)}`, { trust: [front.url] }), /loopback/);
    await assert.rejects(outboundFetch(`${inner.url}/x`, { trust: [front.url] }), /loopback/, 'another port is another origin');
  });

  it('refuses credentials in the address and other schemes, in its own words', async () => {
    await assert.rejects(outboundFetch('https://user:pw@hooks.example.org/'), /user name or password/);
    await assert.rejects(outboundFetch('ftp://example.org/'), /only http and https/);
    await assert.rejects(outboundFetch('not a url'), /is not an address/);
    const closed = await localServer(() => {});
    await closed.close();
    const error = await outboundFetch(`${closed.url}/`, { policy: allow('127.0.0.1') }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.equal(describeFailure(error), 'the connection was refused');
  });
});
