import type { FastifyRequest } from 'fastify';
import { deskUrls } from '../presentation/desk-urls.js';

/*
 * What the request log must never hold: session and CSRF cookies and headers, password-reset
 * tokens (a path segment), newsletter tokens (`?t=`), and any other query value (search terms
 * say something about a reader too). The request serializer writes the URL without them, pino's
 * `redact` censors the header and token fields wherever a log line carries them, and every
 * message string is scrubbed of the same URL shapes (Fastify's "Route … not found" names the URL).
 */

export const REDACTED = '[redacted]';

/** Paths whose next segment is a secret. */
const TOKEN_PATH_PREFIXES = [deskUrls.resetPassword({ token: '' })];

const SECRET_FIELDS = ['token', 'csrfToken', '_csrf', 'password', 'secret', 'apiKey'];
export const REDACT_PATHS = [
  ...['cookie', 'authorization', 'x-csrf-token', 'x-csrf', 'proxy-authorization', 'x-api-key'].flatMap((h) => [`req.headers["${h}"]`, `headers["${h}"]`]),
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]),
];

/** The URL with the token segments and every query value replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  let path = q < 0 ? url : url.slice(0, q);
  for (const prefix of TOKEN_PATH_PREFIXES) {
    if (path.startsWith(prefix) && path.length > prefix.length) path = `${prefix}${REDACTED}`;
  }
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? pair.slice(0, 40) : `${pair.slice(0, Math.min(eq, 40))}=${REDACTED}`;
    })
    .join('&');
  return `${path}?${query}`;
}

const TOKEN_PATH_IN_TEXT = new RegExp(`(${TOKEN_PATH_PREFIXES.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})[^\\s"'<>?#]+`, 'g');
const QUERY_VALUE_IN_TEXT = /([?&][^=\s"'<>&#]{1,40}=)[^\s"'<>&#]+/g;

/** A message with the same URL shapes scrubbed (wherever in the text they appear). */
export function scrubText(text: string): string {
  return text.replace(TOKEN_PATH_IN_TEXT, `$1${REDACTED}`).replace(QUERY_VALUE_IN_TEXT, `$1${REDACTED}`);
}

/** Fastify's request serializer, with the URL redacted (anything else logged as `req` passes). */
function requestSerializer(request: FastifyRequest): Record<string, unknown> {
  if (typeof request?.url !== 'string' || typeof request.method !== 'string') return request as unknown as Record<string, unknown>;
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket ? request.socket.remotePort : undefined,
  };
}

/** Fastify's logger options at this level (into `stream` when given: tests). */
export function loggerOptions(level: string, stream?: { write(line: string): void }) {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { req: requestSerializer },
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        return method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? scrubText(a) : a)),
        );
      },
    },
  };
}
