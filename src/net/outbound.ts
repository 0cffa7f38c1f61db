import dns from 'node:dns';
import http, { STATUS_CODES } from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { Readable } from 'node:stream';
import {
  addressProblem,
  hostOf,
  OutboundRefusedError,
  portOf,
  skipsAddressCheck,
  STRICT_POLICY,
  urlProblem,
  type LookupAll,
  type OutboundPolicy,
} from './address-policy.js';
import { BodyTooLargeError } from './http-body.js';

/**
 * The one HTTP client for everything the server fetches or sends: agency pictures, polled feeds
 * and `wiredesk ingest <url>`, webhooks, the language and image models, CDN purges and WebSub.
 *
 * - The address is checked where the connection is made: the name is resolved once, every
 *   address it resolves to must be allowed (address-policy.ts), and the connection goes to
 *   those addresses, so a name that resolves to a public address when checked and a private one
 *   when used (DNS rebinding) gets nowhere. Literal addresses are checked before connecting.
 * - Redirects are followed by hand (at most MAX_REDIRECTS), each hop checked the same way, the
 *   Authorization and Cookie headers dropped when the origin changes.
 * - The total time (all hops and the body) and the body's size are capped.
 * - Connections are not pooled: a socket opened for a trusted address is never reused for
 *   another request.
 *
 * It answers with a WHATWG Response (status, headers, a body stream), like fetch.
 */

export interface OutboundRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** 'follow' (the default): redirects are followed and checked; 'manual': a 3xx is the answer; 'error': a 3xx is refused. */
  redirect?: 'follow' | 'manual' | 'error';
  maxRedirects?: number;
  /** The body is cut off with a BodyTooLargeError past this many bytes (declared or as it arrives). */
  maxBytes?: number;
  /** The whole exchange, redirects and body included; a TimeoutError past it. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** What may be reached besides public addresses (OUTBOUND_ALLOW); none when not given. */
  policy?: OutboundPolicy;
  /** Addresses the operator configured (LLM_BASE_URL, VARNISH_PURGE_URL, …): their origins are
   *  reached whatever address they have. Redirects elsewhere are checked as usual. */
  trust?: readonly string[];
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
export const MAX_REDIRECTS = 5;

const defaultLookup: LookupAll = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

const originOf = (address: string) => {
  try {
    return new URL(address).origin;
  } catch {
    return null;
  }
};

/** Sends one request within the policy; see the module's comment. */
export async function outboundFetch(input: string | URL, request: OutboundRequest = {}): Promise<Response> {
  const policy = request.policy ?? STRICT_POLICY;
  const trusted = (request.trust ?? []).map(originOf).filter((o): o is string => o !== null);
  const maxBytes = request.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = request.maxRedirects ?? MAX_REDIRECTS;
  const redirect = request.redirect ?? 'follow';
  const signal = AbortSignal.any([AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS), ...(request.signal ? [request.signal] : [])]);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new OutboundRefusedError(`refused: ${String(input).slice(0, 200)} is not an address`);
  }
  let method = (request.method ?? 'GET').toUpperCase();
  let body = request.body;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;

  for (let hop = 0; ; hop++) {
    const problem = urlProblem(url, policy, trusted);
    if (problem) throw new OutboundRefusedError(`refused: ${problem}`);
    const res = await exchange(url, { method, headers, body, policy, trusted, signal });
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status >= 300 && status < 400 && location && redirect !== 'manual') {
      res.destroy();
      if (redirect === 'error') throw new OutboundRefusedError(`refused: the server redirected (HTTP ${status}) and redirects are not followed here`);
      if (hop >= maxRedirects) throw new OutboundRefusedError(`refused: more than ${maxRedirects} redirects`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new OutboundRefusedError('refused: the server redirected to something that is not an address');
      }
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        delete headers['content-type'];
        delete headers['content-length'];
      }
      if (next.origin !== url.origin) {
        delete headers.authorization;
        delete headers.cookie;
      }
      url = next;
      continue;
    }
    return toResponse(res, method, maxBytes, signal);
  }
}

interface Exchange {
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  policy: OutboundPolicy;
  trusted: readonly string[];
  signal: AbortSignal;
}

/** One request and its answer's head, the connection checked as it is made. */
function exchange(url: URL, o: Exchange): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (o.signal.aborted) return reject(o.signal.reason as Error);
    const lookup = skipsAddressCheck(url, o.policy, o.trusted) ? undefined : guardedLookup(o.policy, hostOf(url), portOf(url));
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, { method: o.method, headers: o.headers, agent: false, ...(lookup ? { lookup } : {}) });
    const onAbort = () => req.destroy(o.signal.reason as Error);
    o.signal.addEventListener('abort', onAbort, { once: true });
    req.once('error', (error) => {
      o.signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    req.once('response', (res) => {
      o.signal.removeEventListener('abort', onAbort);
      resolve(res);
    });
    req.end(o.body);
  });
}

/** A lookup for the connection that refuses the whole name when any address it has is refused. */
function guardedLookup(policy: OutboundPolicy, host: string, port: number): net.LookupFunction {
  const resolveAll = policy.lookup ?? defaultLookup;
  return ((hostname: string, options: dns.LookupOptions, callback: (error: Error | null, address?: string | dns.LookupAddress[], family?: number) => void) => {
    resolveAll(hostname).then(
      (addresses) => {
        for (const { address } of addresses) {
          const problem = addressProblem(policy, host, address, port);
          if (problem) return callback(new OutboundRefusedError(`refused: ${problem}`));
        }
        const family = typeof options.family === 'number' ? options.family : 0;
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: Error) => callback(error),
    );
  }) as net.LookupFunction;
}

function toResponse(res: http.IncomingMessage, method: string, maxBytes: number, signal: AbortSignal): Response {
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 599) {
    res.destroy();
    throw new OutboundRefusedError(`the server answered with an HTTP status that is not one (${status})`);
  }
  if (Number(res.headers['content-length'] ?? 0) > maxBytes) {
    res.destroy();
    throw new BodyTooLargeError(maxBytes);
  }
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    try {
      headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
    } catch {
      // a header fetch would not take is left out
    }
  }
  const onAbort = () => res.destroy(signal.reason as Error);
  signal.addEventListener('abort', onAbort, { once: true });
  res.once('close', () => signal.removeEventListener('abort', onAbort));
  const init = { status, statusText: STATUS_CODES[status] ?? '', headers };
  if (status === 204 || status === 205 || status === 304 || method === 'HEAD') {
    res.resume();
    return new Response(null, init);
  }
  async function* limited(): AsyncGenerator<Buffer> {
    let size = 0;
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) throw new BodyTooLargeError(maxBytes);
        yield chunk;
      }
    } finally {
      res.destroy();
    }
  }
  return new Response(Readable.toWeb(Readable.from(limited(), { objectMode: false })) as ReadableStream<Uint8Array>, init);
}

/** The standard phrase for an HTTP status ("answered 502 Bad Gateway"), never the server's own words. */
export function describeStatus(status: number): string {
  const phrase = STATUS_CODES[status];
  return `answered ${status}${phrase ? ` ${phrase}` : ''}`;
}

/**
 * Why a request failed, in our words: a refusal says what was refused, a time-out how long was
 * waited, a network error what kind it was. Nothing a remote server wrote is repeated.
 */
export function describeFailure(error: unknown, timeoutMs?: number): string {
  if (error instanceof OutboundRefusedError || error instanceof BodyTooLargeError) return error.message;
  const e = error as { name?: string; code?: string; cause?: { code?: string } } | null;
  if (e?.name === 'TimeoutError') return timeoutMs ? `no answer within ${Math.round(timeoutMs / 100) / 10} s` : 'no answer in time';
  if (e?.name === 'AbortError') return 'stopped before an answer';
  const code = e?.code ?? e?.cause?.code ?? '';
  const known: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ECONNRESET: 'the connection was reset',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name could not be resolved just now',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host cannot be reached',
    ENETUNREACH: 'the network cannot be reached',
    HPE_INVALID_CONSTANT: 'the answer is not HTTP',
  };
  if (known[code]) return known[code]!;
  if (/CERT|SSL|TLS/i.test(code)) return `the TLS connection failed (${code})`;
  return code ? `the request failed (${code})` : 'the request failed';
}
