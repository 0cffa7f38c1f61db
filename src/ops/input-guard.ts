import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasNul, withoutNul } from '../util/bounds.js';
import { RequestRefused } from './failures.js';

/*
 * U+0000 at the door. PostgreSQL's text columns cannot hold a NUL byte (it refuses the statement),
 * SQLite's can: so that both databases see the same input, none reaches a handler.
 *
 * - In the path (a slug, a token, a file name): nothing of that name can exist, 404.
 * - In the query string: a malformed request, 400.
 * - In a body (forms, JSON, multipart fields): removed from every text value. It is invisible and
 *   means nothing in text, and an editor who pasted it from somewhere loses no work over it.
 *   Files (Buffers) are left as they are.
 * - In a cookie: the cookie is ignored, as one that names no session.
 *
 * Added to the root instance before the plugins, so it runs for every route (preValidation: the
 * body is parsed by then). Wire copy is parsed by src/wire on its own.
 */
export function guardInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    // Most requests carry neither: skip the walk unless the raw URL has an encoded NUL.
    if (request.url.includes('%00') || request.url.includes('\u0000')) {
      if (holdsNul(request.params)) throw new RequestRefused(404, 'Not found');
      if (holdsNul(request.query)) throw new RequestRefused(400, 'A query parameter holds a NUL character');
    }
    const cookies = request.cookies as Record<string, string | undefined> | undefined;
    if (cookies) for (const [name, value] of Object.entries(cookies)) if (value !== undefined && hasNul(value)) delete cookies[name];
    if (request.body !== undefined && request.body !== null) request.body = stripNul(request.body);
  });
}

/** Bodies nest no deeper than this (forms: 1; JSON beacons: 1). */
const MAX_DEPTH = 32;

function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return hasNul(value);
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  if (depth > MAX_DEPTH) throw new RequestRefused(400, 'The request body is nested too deeply');
  if (Array.isArray(value)) return value.some((v) => holdsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => hasNul(k) || holdsNul(v, depth + 1));
}

/** The same value without NUL in any string, keys included; a value without one is returned as it is. */
function stripNul(value: unknown): unknown {
  if (!holdsNul(value)) return value;
  return strip(value);
}

function strip(value: unknown): unknown {
  if (typeof value === 'string') return withoutNul(value);
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map(strip);
  const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(value) as object | null);
  for (const [k, v] of Object.entries(value)) out[withoutNul(k)] = strip(v);
  return out;
}
