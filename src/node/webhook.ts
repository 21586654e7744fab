/**
 * Signatures for handoff webhooks and for the user ids that host pages pass to `identify()`. The scheme is
 * Stripe's: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`; the timestamp inside the signed text
 * stops replays of an old delivery.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature of a forwarded handoff. */
export const SIGNATURE_HEADER = 'X-Helpline-Signature';

const hmac = (secret: string, data: string | Uint8Array) => createHmac('sha256', secret).update(data).digest();

function signedText(timestamp: number, body: string | Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.`), typeof body === 'string' ? Buffer.from(body) : body]);
}

/** The signature header for a body: sign the exact bytes you send. */
export function signWebhook(body: string | Uint8Array, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  if (!secret) throw new TypeError('signWebhook: the secret is empty');
  const t = Math.floor(timestamp);
  return `t=${t},v1=${hmac(secret, signedText(t, body)).toString('hex')}`;
}

/**
 * True when the header signs this exact body with this secret, within `toleranceSeconds` of now. Several
 * `v1=` values may be given (while a secret is being rotated); any one matching is enough.
 */
export function verifyWebhook(
  body: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
  toleranceSeconds = 300,
  now = Date.now() / 1000,
): boolean {
  if (!secret || typeof header !== 'string' || header.length > 1000) return false;
  const fields = header.split(',').map((f) => f.trim().split('='));
  const t = fields.find(([k]) => k === 't')?.[1];
  if (!t || !/^\d{1,12}$/.test(t) || Math.abs(now - Number(t)) > toleranceSeconds) return false;
  const expected = hmac(secret, signedText(Number(t), body));
  return fields.filter(([k]) => k === 'v1').some(([, v]) => sameHex(v, expected));
}

/**
 * True when `userHash` is the hex HMAC-SHA256 of `userId` under the secret that the exchange's server
 * shares with the handoff receiver, as Intercom and Chatwoot do: a page cannot claim another user's id.
 */
export function verifyUserHash(userId: string, userHash: string | null | undefined, secret: string): boolean {
  if (!secret || typeof userId !== 'string' || !userId) return false;
  return sameHex(userHash, hmac(secret, userId));
}

/** Constant-time comparison of a hex string with a digest (the lengths are public). */
function sameHex(hex: string | null | undefined, digest: Buffer): boolean {
  if (typeof hex !== 'string' || !/^[0-9a-f]+$/i.test(hex) || hex.length !== digest.length * 2) return false;
  return timingSafeEqual(Buffer.from(hex, 'hex'), digest);
}
