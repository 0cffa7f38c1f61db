import type { FastifyInstance, InjectOptions } from 'fastify';
import { createUser, type UserRole } from '../../src/content/users.js';
import type { DB } from '../../src/db/connect.js';
import { HOST_PREFIX, SESSION_COOKIE } from '../../src/newsroom/cookies.js';
import { createSession } from '../../src/newsroom/sessions.js';
import { testActor } from '../helpers/fixtures.js';

export const PASSWORD = 'a long enough password';

/** A signed-in newsroom user for app.inject: a fresh session each call to `session()`. */
export interface DeskUser {
  id: number;
  email: string;
  role: UserRole;
  session(): Promise<{ cookie: string; csrf: string }>;
}

export async function deskUser(db: DB, role: UserRole, name: string = role): Promise<DeskUser> {
  const email = `${name}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const user = await createUser(db, { email, displayName: name, role, password: PASSWORD }, testActor());
  return {
    id: user.id,
    email,
    role,
    async session() {
      const { token, csrfToken } = await createSession(db, user.id, { ip: '127.0.0.1', userAgent: 'test' });
      // The test app's SITE_URL is https: its session cookie carries the __Host- prefix.
      return { cookie: `${HOST_PREFIX}${SESSION_COOKIE}=${token}`, csrf: csrfToken };
    },
  };
}

/** POSTs a form as this session (with its CSRF token unless `csrf: false`). */
export async function post(app: FastifyInstance, url: string, fields: Record<string, string | string[]>, as?: { cookie: string; csrf: string }, csrf = true) {
  const body = new URLSearchParams();
  if (as && csrf) body.append('_csrf', as.csrf);
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  const options: InjectOptions = {
    method: 'POST',
    url,
    payload: body.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(as ? { cookie: as.cookie } : {}) },
  };
  return app.inject(options);
}

export const get = (app: FastifyInstance, url: string, as?: { cookie: string }) => app.inject({ url, headers: as ? { cookie: as.cookie } : {} });
