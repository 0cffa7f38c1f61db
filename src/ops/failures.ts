import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { answerUnavailable } from '../db/unavailable.js';

/*
 * What a failed request shows and what is kept of it. Every error handler (one per plugin: the
 * site, the newsroom, the API, feeds, forms) answers with its own page or JSON, and all of them
 * take the status and the reference from here: a client error (4xx) keeps its status, anything
 * else is a 500 that says nothing of the cause (no error message, no database text), and names
 * the request id that the server's log line carries with the whole error.
 */

/** The status a failure answers with: the error's own 4xx, otherwise 500. */
export const failureStatus = (error: unknown): number => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
};

/** Logs a failure that is the server's (5xx) with the error, and returns its status. The log
 *  line carries the request id (`reqId`), which the answer shows as its reference. A database
 *  out of reach (a dropped PostgreSQL connection) is 503 with Retry-After on `reply`. */
export function logFailure(request: FastifyRequest, error: unknown, what: string, reply?: Pick<FastifyReply, 'header'>): number {
  const status = reply && answerUnavailable(error, reply) ? 503 : failureStatus(error);
  if (status >= 500) request.log.error({ err: error }, what);
  return status;
}

/** The sentence a 500 page ends with, so a reader can quote it to the newsroom. */
export const referenceOf = (request: FastifyRequest): string => `Reference: ${request.id}.`;

/** Request ids: random, so that the processes of `serve --workers N` never hand out the same one. */
export const newRequestId = (): string => randomBytes(6).toString('hex');

/** A refusal of the request itself, raised before any handler (input-guard.ts): the plugin's
 *  error handler shows it with its status. */
export class RequestRefused extends Error {
  constructor(
    readonly statusCode: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/** The error handler of routes whose plugin has none (the read beacon, /healthz, icons): JSON
 *  under /api, plain text elsewhere, never the error's message. */
export function setFallbackErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error, request, reply: FastifyReply) => {
    const status = logFailure(request, error, 'request failed', reply);
    const text = status >= 500 ? 'Something went wrong' : status === 404 ? 'Not found' : status === 413 ? 'Request too large' : 'Bad request';
    reply.code(status).header('cache-control', 'no-store');
    if (request.url.startsWith('/api/'))
      return reply.type('application/json; charset=utf-8').send(JSON.stringify({ error: text, ...(status >= 500 ? { requestId: request.id } : {}) }));
    return reply.type('text/plain; charset=utf-8').send(status >= 500 ? `${text}. ${referenceOf(request)}` : text);
  });
}
