import type { FastifyReply, FastifyRequest } from 'fastify';
import { NEWSROOM } from '../presentation/desk-urls.js';

/*
 * The newsroom's two cookies: the session, and before sign-in the double-submit CSRF cookie of
 * the public forms. Over https (SITE_URL is https, or this request came over TLS) they carry the
 * `__Host-` prefix, which browsers accept only with Secure, Path=/ and no Domain, so no subdomain
 * and no plain-http page can plant or overwrite them; over plain http (local development) the
 * plain names are used. Only the name that fits the request is read.
 */

export const SESSION_COOKIE = 'wd_session';
export const SIGN_IN_COOKIE = 'wd_signin';
export const HOST_PREFIX = '__Host-';

export interface NewsroomCookies {
  /** Whether this request's cookies are the `__Host-` ones. */
  secure(request: FastifyRequest): boolean;
  sessionName(request: FastifyRequest): string;
  sessionToken(request: FastifyRequest): string | undefined;
  signInToken(request: FastifyRequest): string | undefined;
  setSession(reply: FastifyReply, token: string): void;
  clearSession(reply: FastifyReply): void;
  setSignIn(reply: FastifyReply, token: string): void;
  clearSignIn(reply: FastifyReply): void;
}

export function newsroomCookies(siteUrl: string): NewsroomCookies {
  const httpsSite = siteUrl.startsWith('https:');
  const secure = (request: FastifyRequest) => httpsSite || request.protocol === 'https';
  const name = (base: string, request: FastifyRequest) => (secure(request) ? `${HOST_PREFIX}${base}` : base);
  // Path=/ and no Domain, as the prefix requires (over http the sign-in cookie keeps /newsroom).
  const options = (request: FastifyRequest, base = SESSION_COOKIE) => ({
    path: base === SIGN_IN_COOKIE && !secure(request) ? NEWSROOM : '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secure(request),
  });
  return {
    secure,
    sessionName: (request) => name(SESSION_COOKIE, request),
    sessionToken: (request) => request.cookies[name(SESSION_COOKIE, request)],
    signInToken: (request) => request.cookies[name(SIGN_IN_COOKIE, request)],
    setSession: (reply, token) => void reply.setCookie(name(SESSION_COOKIE, reply.request), token, options(reply.request)),
    clearSession: (reply) => void reply.clearCookie(name(SESSION_COOKIE, reply.request), options(reply.request)),
    setSignIn: (reply, token) => void reply.setCookie(name(SIGN_IN_COOKIE, reply.request), token, options(reply.request, SIGN_IN_COOKIE)),
    clearSignIn: (reply) => void reply.clearCookie(name(SIGN_IN_COOKIE, reply.request), options(reply.request, SIGN_IN_COOKIE)),
  };
}
