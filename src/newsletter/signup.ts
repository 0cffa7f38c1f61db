import { hitRateLimits, rateKey, type RateLimit } from '../content/rate-limits.js';
import type { MailMessage } from '../mail/mailer.js';
import type { DB } from '../db/connect.js';
import { fromZod } from '../content/errors.js';
import { normaliseEmail, requestSubscription, signUpInput, type SignUpInput, type Subscriber } from './subscribers.js';
import { newsletterSecret, signLink } from './tokens.js';

/*
 * The public sign-up, end to end: honeypot, rate limits, the subscriber row and the mail. Every
 * path a real person can take ends in one message to the address and the same answer, so the
 * form tells nobody whether an address is on the list:
 * - new, pending or departed address → a confirmation link (valid 48 h);
 * - already confirmed → a note with the preferences link (nothing changes without it);
 * - the address's own limit reached → nothing is sent, same answer (a form cannot mail-bomb anyone);
 * - the sender's IP over its limit → 429 (says nothing about the address);
 * - honeypot filled (a bot) → nothing stored or sent, same answer.
 */

/** Sign-ups per IP address. */
export const IP_LIMIT: RateLimit = { limit: 10, windowMs: 3_600_000 };
/** Confirmation mails per email address. */
export const ADDRESS_LIMIT: RateLimit = { limit: 3, windowMs: 3_600_000 };

export type SignUpResult = { kind: 'accepted' } | { kind: 'ip-limited'; retryAfterSeconds: number };

export interface SignUpContext {
  db: DB;
  /** Sends (or queues) the one message; the web form does not wait for it, so the answer takes
   *  as long whichever message it is. */
  send: (message: MailMessage) => unknown;
  siteUrl: string;
  siteName: string;
  now?: number;
}

/** Throws ValidationError when the address is not one (the form shows the problem). */
export async function signUp(ctx: SignUpContext, input: SignUpInput & { honeypot?: string; ip: string }): Promise<SignUpResult> {
  const { db } = ctx;
  const now = ctx.now ?? Date.now();
  const ip = await hitRateLimits(db, [{ key: rateKey('newsletter', 'ip', input.ip), limit: IP_LIMIT }], now);
  if (!ip.allowed) return { kind: 'ip-limited', retryAfterSeconds: ip.retryAfterSeconds };
  if (input.honeypot && input.honeypot.trim() !== '') return { kind: 'accepted' };
  const parsed = signUpInput.safeParse(input);
  if (!parsed.success) throw fromZod('sign-up', parsed.error);
  const address = await hitRateLimits(db, [{ key: rateKey('newsletter', 'email', normaliseEmail(parsed.data.email)), limit: ADDRESS_LIMIT }], now);
  if (!address.allowed) return { kind: 'accepted' };
  const { subscriber, outcome } = await requestSubscription(db, parsed.data, new Date(now).toISOString());
  const secret = await newsletterSecret(db);
  const mail =
    outcome === 'confirm'
      ? confirmationMail(ctx, subscriber, signLink(secret, 'confirm', subscriber.id, now))
      : alreadyMail(ctx, subscriber, signLink(secret, 'manage', subscriber.id, now));
  await ctx.send({ to: subscriber.email, ...mail });
  return { kind: 'accepted' };
}

export const confirmUrl = (siteUrl: string, token: string) => `${siteUrl}/newsletter/confirm?t=${token}`;
export const preferencesUrl = (siteUrl: string, token: string) => `${siteUrl}/newsletter/preferences?t=${token}`;
export const unsubscribeUrl = (siteUrl: string, token: string) => `${siteUrl}/newsletter/unsubscribe?t=${token}`;

function confirmationMail(ctx: SignUpContext, subscriber: Subscriber, token: string) {
  return {
    subject: `Confirm your ${ctx.siteName} newsletter subscription`,
    text: [
      `Someone, probably you, asked to receive the ${ctx.siteName} daily digest at ${subscriber.email}.`,
      '',
      'To confirm, open this link within 48 hours:',
      confirmUrl(ctx.siteUrl, token),
      '',
      'If it was not you, ignore this message: without confirmation we send nothing more.',
      '',
    ].join('\n'),
  };
}

function alreadyMail(ctx: SignUpContext, subscriber: Subscriber, token: string) {
  return {
    subject: `You already receive the ${ctx.siteName} newsletter`,
    text: [
      `Someone, probably you, asked to subscribe ${subscriber.email} to the ${ctx.siteName} daily digest. This address is subscribed already.`,
      '',
      'To change your editions and sectors, or to unsubscribe, use this link:',
      preferencesUrl(ctx.siteUrl, token),
      '',
      'If it was not you, ignore this message: nothing has changed.',
      '',
    ].join('\n'),
  };
}
