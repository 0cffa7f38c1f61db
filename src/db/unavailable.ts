import { DatabaseUnavailableError } from './errors.js';

/** What a client is told to wait before asking again when the database could not be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** PostgreSQL's SQLSTATEs for a server that dropped or refused the connection: admin_shutdown,
 *  crash_shutdown, cannot_connect_now, too_many_connections; and class 08 (connection exception). */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What node and pg say when the socket went away or could not be opened. */
const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const MESSAGES = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Connection ended unexpectedly)/;

/**
 * Whether an error means the database is out of reach for now (its connection was dropped,
 * refused or timed out), not that the request or the program is wrong: the answer is then 503
 * with Retry-After, and the pool opens a fresh connection for the next request. Follows `cause`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DatabaseUnavailableError) return true;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || SOCKET_CODES.has(code))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
  }
  return false;
}

/** For the error handlers: true (and Retry-After set on the reply) when the error is the
 *  database being out of reach, so the handler answers 503 instead of 500. */
export function answerUnavailable(error: unknown, reply: { header(name: string, value: string): unknown }): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  return true;
}
