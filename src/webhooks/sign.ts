/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): HMAC-SHA256 over
 * `${id}.${timestamp}.${body}` with the base64 key behind `whsec_`. Several secrets
 * sign at once during a rotation, so receivers holding either one verify.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

function keyOf(secret: string): Buffer {
  if (!secret.startsWith('whsec_')) throw new Error('webhook secrets start with "whsec_"');
  return Buffer.from(secret.slice('whsec_'.length), 'base64');
}

export function signatureOf(secret: string, id: string, timestamp: number, body: string): string {
  return createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
}

/** The three Standard Webhooks headers. */
export function webhookHeaders(
  secrets: string[],
  id: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => `v1,${signatureOf(s, id, timestamp, body)}`).join(' '),
  };
}

/** Receiver side, used by tests and documented for clients: constant-time, ±5 min tolerance. */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | undefined>,
  body: string,
  nowS = Date.now() / 1000,
): boolean {
  const id = headers['webhook-id'];
  const ts = Number(headers['webhook-timestamp']);
  const sigs = headers['webhook-signature'];
  if (!id || !Number.isFinite(ts) || !sigs || Math.abs(nowS - ts) > 300) return false;
  const expected = Buffer.from(signatureOf(secret, id, ts, body));
  return sigs.split(' ').some((entry) => {
    const [version, sig] = entry.split(',');
    const got = Buffer.from(sig ?? '');
    return version === 'v1' && got.length === expected.length && timingSafeEqual(got, expected);
  });
}
