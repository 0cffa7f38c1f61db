import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { recordAudit, type Actor } from '../content/audit.js';
import { claimSetting, getSetting, putSetting } from '../content/settings.js';
import { inTransaction, type DB } from '../db/connect.js';

/*
 * Signed links for newsletter readers: `<purpose>.<subscriber id>.<expiry, Unix seconds>.<HMAC>`,
 * HMAC-SHA256 with a server secret. The secret is made once, on first use, and kept in the
 * settings table, so every process sharing the database signs and checks the same way.
 * Nothing about a link is stored: a forged or altered one fails the HMAC, an old one its expiry.
 */

const SECRET_KEY = 'newsletter.secret';

export type LinkPurpose = 'confirm' | 'manage';
const purposeCode: Record<LinkPurpose, string> = { confirm: 'c', manage: 'm' };

/** A confirmation link works this long. */
export const CONFIRM_LINK_MS = 48 * 3_600_000;
/** Unsubscribe and preference links (in every digest) work this long: a reader may click one in a months-old message. */
export const MANAGE_LINK_MS = 400 * 24 * 3_600_000;

const secrets = new WeakMap<DB, Promise<Buffer>>();

/** The signing secret: made once per database, then read from the settings table (kept per process). */
export function newsletterSecret(db: DB): Promise<Buffer> {
  let secret = secrets.get(db);
  if (!secret) {
    secret = (async () => {
      // Several processes may start at once: one claims, all then read the winner's.
      await claimSetting(db, SECRET_KEY, randomBytes(32).toString('base64url'));
      const stored = await getSetting<string>(db, SECRET_KEY);
      if (!stored) throw new Error('The newsletter secret could not be stored');
      return Buffer.from(stored, 'base64url');
    })();
    secret.catch(() => secrets.delete(db));
    secrets.set(db, secret);
  }
  return secret;
}

const mac = (secret: Buffer, message: string) => createHmac('sha256', secret).update(message).digest('base64url');

export function signLink(secret: Buffer, purpose: LinkPurpose, subscriberId: number, now = Date.now()): string {
  const ttl = purpose === 'confirm' ? CONFIRM_LINK_MS : MANAGE_LINK_MS;
  const message = `${purposeCode[purpose]}.${subscriberId}.${Math.floor((now + ttl) / 1000)}`;
  return `${message}.${mac(secret, message)}`;
}

export type LinkCheck = { ok: true; subscriberId: number; issuedAt: number } | { ok: false; reason: 'invalid' | 'expired' };

/** Checks a link's signature, purpose and expiry; `issuedAt` (ms) lets a caller refuse links older than a later event. */
export function verifyLink(secret: Buffer, purpose: LinkPurpose, token: string | undefined, now = Date.now()): LinkCheck {
  const m = /^([a-z])\.(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!m || m[1] !== purposeCode[purpose]) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(mac(secret, `${m[1]}.${m[2]}.${m[3]}`));
  const given = Buffer.from(m[4]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const expiresMs = Number(m[3]) * 1000;
  if (expiresMs <= now) return { ok: false, reason: 'expired' };
  const ttl = purpose === 'confirm' ? CONFIRM_LINK_MS : MANAGE_LINK_MS;
  return { ok: true, subscriberId: Number(m[2]), issuedAt: expiresMs - ttl };
}

/**
 * A new signing secret (`wiredesk rotate-secret newsletter`), audited. Every link signed before
 * stops working: confirmations not yet clicked, and the unsubscribe and preference links in
 * digests already sent (readers can still unsubscribe from the link in the next digest). Running
 * servers keep the secret they read until they restart.
 */
export async function rotateNewsletterSecret(db: DB, actor: Actor): Promise<void> {
  await inTransaction(db, async (trx) => {
    await putSetting(trx, SECRET_KEY, randomBytes(32).toString('base64url'));
    await recordAudit(trx, actor, 'secret.rotate', 'newsletter links', 'links signed before no longer work');
  });
  secrets.delete(db);
}
