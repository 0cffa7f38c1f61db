import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * Signatures as the Standard Webhooks specification has them (https://www.standardwebhooks.com/):
 * the secret is "whsec_" and base64 of random bytes; the signed text is
 * `${webhook-id}.${webhook-timestamp}.${body}`; the `webhook-signature` header is "v1," and the
 * base64 HMAC-SHA256 of it under the decoded secret (several signatures separated by spaces).
 */

export const SECRET_PREFIX = 'whsec_';
/** How far a receiver should let a timestamp be from its clock (the specification's default). */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/** A new random secret (32 bytes). */
export function newSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/** The `webhook-signature` header value for one message. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** What a receiver does: true when one of the header's v1 signatures matches and the timestamp
 *  is within the tolerance of `nowSeconds`. */
export function verifyWebhook(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!/^\d{1,12}$/.test(headers.timestamp) || Math.abs(nowSeconds - timestamp) > TIMESTAMP_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signWebhook(secret, headers.id, timestamp, body).slice(3), 'base64');
  return headers.signature.split(' ').some((part) => {
    const [version, value] = part.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
