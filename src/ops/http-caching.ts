import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

const CACHEABLE_TYPES = /^(text\/html|application\/(rss\+xml|atom\+xml|feed\+json|json|xml)|text\/xml|text\/plain)/;

/** Weak ETags on successful GET answers, and 304 Not Modified when the client has the same
 *  version (checked before compression, so gzip and brotli share one tag). */
const httpCaching: FastifyPluginAsync = async (app) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (!CACHEABLE_TYPES.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url').slice(0, 27)}"`;
    reply.header('etag', etag);
    if (notModified(request.headers['if-none-match'], request.headers['if-modified-since'], etag, reply.getHeader('last-modified'))) {
      reply.code(304);
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });
};

/** RFC 9110: If-None-Match decides when present; otherwise If-Modified-Since against Last-Modified. */
function notModified(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, etag: string, lastModified: unknown): boolean {
  if (ifNoneMatch) return ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*');
  if (!ifModifiedSince || typeof lastModified !== 'string') return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(lastModified);
  return !Number.isNaN(since) && !Number.isNaN(modified) && Math.floor(modified / 1000) <= Math.floor(since / 1000);
}

export default fp(httpCaching, { name: 'http-caching' });
