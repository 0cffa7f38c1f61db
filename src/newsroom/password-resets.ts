import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../content/audit.js';
import { inTransaction, type DB } from '../db/connect.js';
import { toIso, type IsoTime } from '../content/time.js';
import { findUserByEmail, getUser, hashNewPassword, setPasswordHash, type User } from '../content/users.js';
import { endUserSessions } from './sessions.js';

/*
 * Password reset by emailed link. The link carries a random 256-bit token; the table keeps only
 * its SHA-256. A link works once, for RESET_LINK_TTL_MS, and only for an enabled account; a new
 * link revokes the user's older ones, and using one revokes the rest. Setting the new password
 * ends every session of the user.
 */

export const RESET_LINK_TTL_MS = 3_600_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The link was never issued, has expired, was used, or was replaced by a newer one. */
export class ResetLinkError extends Error {
  override name = 'ResetLinkError';
  constructor() {
    super('This password reset link has expired or has already been used.');
  }
}

export type ResetRequest = { issued: true; user: User; token: string; expiresAt: IsoTime } | { issued: false; reason: 'unknown account' | 'account disabled' };

/** Where a request came from, for the audit log. */
export interface ResetClient {
  ip: string;
}

const userActor = (user: User) => ({ name: user.email, userId: user.id });
const userSubject = (user: User) => `user ${user.id}: ${user.email}`;

/** A new link for the account with this email, when there is one and it is enabled. Audited
 *  either way (the refusal under the email asked for, with the reason). */
export async function issuePasswordReset(db: DB, email: string, client: ResetClient, now = Date.now()): Promise<ResetRequest> {
  const asked = email.trim().toLowerCase();
  const user = await findUserByEmail(db, asked);
  if (!user || user.disabledAt) {
    const reason = user ? 'account disabled' : 'unknown account';
    await recordAudit(db, { name: asked, userId: null }, 'user.password-reset-refused', '', `${reason}, from ${client.ip}`, toIso(now));
    return { issued: false, reason };
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = toIso(now + RESET_LINK_TTL_MS);
  await inTransaction(db, async (trx) => {
    await deleteOldResetLinks(trx, now);
    await revokeLinks(trx, user.id, now);
    await trx
      .insertInto('password_resets')
      .values({ user_id: user.id, token_hash: hashOf(token), created_at: toIso(now), expires_at: expiresAt, used_at: null, revoked_at: null })
      .execute();
    await recordAudit(trx, userActor(user), 'user.password-reset-requested', userSubject(user), `from ${client.ip}`, toIso(now));
  });
  return { issued: true, user, token, expiresAt };
}

/** The user a link would reset, while it still works; null otherwise. Does not use the link up. */
export async function userOfResetLink(db: DB, token: string, now = Date.now()): Promise<User | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select(['password_resets.user_id', 'users.disabled_at'])
    .where('password_resets.token_hash', '=', hashOf(token))
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.revoked_at', 'is', null)
    .where('password_resets.expires_at', '>', toIso(now))
    .executeTakeFirst();
  if (!row || row.disabled_at) return null;
  return getUser(db, row.user_id);
}

/**
 * Sets a new password through a link and uses the link up: a ResetLinkError when it no longer
 * works, a ValidationError (link still good) when the password breaks the rules. Ends all the
 * user's sessions and revokes their other links, audited in the same transaction.
 */
export async function completePasswordReset(db: DB, token: string, newPassword: string, client: ResetClient, now = Date.now()): Promise<User> {
  if (!(await userOfResetLink(db, token, now))) throw new ResetLinkError();
  const passwordHash = await hashNewPassword(newPassword);
  return inTransaction(db, async (trx) => {
    // The claim is one conditional update, so two submissions of one link cannot both win.
    const claimed = await trx
      .updateTable('password_resets')
      .set({ used_at: toIso(now) })
      .where('token_hash', '=', hashOf(token))
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', toIso(now))
      .returning('user_id')
      .executeTakeFirst();
    const user = claimed ? await getUser(trx, claimed.user_id) : null;
    if (!user || user.disabledAt) throw new ResetLinkError();
    await setPasswordHash(trx, user.id, passwordHash);
    await revokeLinks(trx, user.id, now);
    await endUserSessions(trx, user.id);
    await recordAudit(trx, userActor(user), 'user.password-reset', userSubject(user), `by emailed link, from ${client.ip}; all sessions ended`, toIso(now));
    return user;
  });
}

async function revokeLinks(db: DB, userId: number, now: number): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ revoked_at: toIso(now) })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Drops links that ended more than a day ago (each new request does this). */
export async function deleteOldResetLinks(db: DB, now = Date.now()): Promise<void> {
  await db
    .deleteFrom('password_resets')
    .where('expires_at', '<', toIso(now - 24 * 3_600_000))
    .execute();
}
