import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { recordAudit, type Actor } from '../content/audit.js';
import { leaveAllStories } from '../content/presence.js';
import { inTransaction, type DB } from '../db/connect.js';
import { setUserDisabled, setUserRole, verifyPassword, type User, type UserRole } from '../content/users.js';
import { toIso, type IsoTime } from '../content/time.js';

/** A signed-in person ends after this long without a request … */
export const SESSION_IDLE_MS = 8 * 3_600_000;
/** … and after this long in any case. */
export const SESSION_MAX_MS = 7 * 24 * 3_600_000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export interface SessionUser extends Pick<User, 'id' | 'email' | 'displayName' | 'role'> {}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  expiresAt: IsoTime;
}

/** Starts a session; the returned token goes into the cookie and nowhere else. */
export async function createSession(
  db: DB,
  userId: number,
  client: { ip: string; userAgent: string },
  now = Date.now(),
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashOf(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: toIso(now),
      last_seen_at: toIso(now),
      expires_at: toIso(Math.min(now + SESSION_IDLE_MS, now + SESSION_MAX_MS)),
      ip: client.ip.slice(0, 64),
      user_agent: client.userAgent.slice(0, 300),
    })
    .execute();
  return { token, csrfToken };
}

/** The live session for a cookie token, extending its idle expiry; null when there is none. */
export async function findSession(db: DB, token: string | undefined, now = Date.now()): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id',
      'users.email',
      'users.display_name',
      'users.role',
      'users.disabled_at',
    ])
    .where('sessions.id_hash', '=', hashOf(token))
    .executeTakeFirst();
  if (!row || row.disabled_at || Date.parse(row.expires_at) <= now) return null;
  let expiresAt = row.expires_at;
  if (now - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    expiresAt = toIso(Math.min(now + SESSION_IDLE_MS, Date.parse(row.created_at) + SESSION_MAX_MS));
    await db
      .updateTable('sessions')
      .set({ last_seen_at: toIso(now), expires_at: expiresAt })
      .where('id_hash', '=', row.id_hash)
      .execute();
  }
  return { user: { id: row.id, email: row.email, displayName: row.display_name, role: row.role as UserRole }, csrfToken: row.csrf_token, expiresAt };
}

/**
 * Which of these cookie tokens still have a live session of an enabled account, as of `now`,
 * in one query and without extending them (an open page's stream is no request of its person).
 */
export async function liveSessionTokens(db: DB, tokens: readonly string[], now = Date.now()): Promise<Set<string>> {
  const byHash = new Map(tokens.filter((t) => t && t.length <= 100).map((t) => [hashOf(t), t]));
  const live = new Set<string>();
  const hashes = [...byHash.keys()];
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select('sessions.id_hash')
      .where('sessions.id_hash', 'in', hashes.slice(i, i + 500))
      .where('sessions.expires_at', '>', toIso(now))
      .where('users.disabled_at', 'is', null)
      .execute();
    for (const r of rows) live.add(byHash.get(r.id_hash)!);
  }
  return live;
}

/** Ends the session of a cookie token; answers whose it was (null when there was none). */
export async function endSession(db: DB, token: string | undefined): Promise<number | null> {
  if (!token) return null;
  const ended = await db.deleteFrom('sessions').where('id_hash', '=', hashOf(token)).returning('user_id').executeTakeFirst();
  return ended?.user_id ?? null;
}

export interface SignInClient {
  ip: string;
  userAgent: string;
  /** The session token the browser already had, ended so that a cookie planted before cannot be promoted. */
  replacing?: string;
}

/**
 * Checks an email and password and, when they match an enabled account, starts a new session
 * (ending the browser's old one), audited in the same transaction. A wrong email or password is
 * audited under the email given, and the answer is null.
 */
export async function signIn(
  db: DB,
  email: string,
  password: string,
  client: SignInClient,
  now = Date.now(),
): Promise<{ user: User; token: string; csrfToken: string } | null> {
  const user = await verifyPassword(db, email, password);
  if (!user) {
    await recordAudit(db, { name: email || '(no email)', userId: null }, 'user.sign-in-failed', '', `from ${client.ip}`, toIso(now));
    return null;
  }
  return inTransaction(db, async (trx) => {
    await endSession(trx, client.replacing);
    const started = await createSession(trx, user.id, client, now);
    await recordAudit(trx, { name: user.email, userId: user.id }, 'user.sign-in', '', `from ${client.ip}`, toIso(now));
    return { user, ...started };
  });
}

/** Ends the session of this cookie token, audited under the person signing out; the stories
 *  they had open no longer show them as editing. */
export async function signOut(db: DB, token: string | undefined, actor: Actor): Promise<void> {
  await inTransaction(db, async (trx) => {
    const userId = await endSession(trx, token);
    if (userId !== null) await leaveAllStories(trx, userId);
    await recordAudit(trx, actor, 'user.sign-out');
  });
}

/** Ends every session of a user, in the caller's transaction when given one (password reset, role change, account disabled). */
export async function endUserSessions(db: DB, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Changes a user's role and ends their sessions (they sign in again under it), in one transaction
 *  with its audit entry: a refused change ends none. */
export async function changeUserRole(db: DB, userId: number, role: UserRole, actor: Actor): Promise<User> {
  return inTransaction(db, async (trx) => {
    await endUserSessions(trx, userId);
    return setUserRole(trx, userId, role, actor);
  });
}

/** Disables an account and ends its sessions, or enables it again, in one transaction with its
 *  audit entry: a refused change ends none. */
export async function setAccountDisabled(db: DB, userId: number, disabled: boolean, actor: Actor): Promise<User> {
  return inTransaction(db, async (trx) => {
    if (disabled) await endUserSessions(trx, userId);
    return setUserDisabled(trx, userId, disabled, actor);
  });
}

/** Ends every session of every user (`wiredesk rotate-secret sessions`), audited: all sign in again. */
export async function endAllSessions(db: DB, actor: Actor): Promise<number> {
  return inTransaction(db, async (trx) => {
    const ended = Number((await trx.deleteFrom('sessions').executeTakeFirst()).numDeletedRows);
    await recordAudit(trx, actor, 'secret.rotate', 'sessions', `${ended} sessions ended`);
    return ended;
  });
}

/** Drops ended sessions (src/newsroom/housekeeping.ts); answers how many. */
export async function deleteExpiredSessions(db: DB, now = Date.now()): Promise<number> {
  return Number((await db.deleteFrom('sessions').where('expires_at', '<=', toIso(now)).executeTakeFirst()).numDeletedRows);
}

/** Compares tokens in constant time. */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export { newToken };
