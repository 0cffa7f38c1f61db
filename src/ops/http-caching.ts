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
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
      reply.code(304);
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });
};

export default fp(httpCaching, { name: 'http-caching' });
