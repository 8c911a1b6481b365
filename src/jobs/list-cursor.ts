/**
 * List cursors: Temporal's page token, signed together with the query it belongs to.
 * The server cannot be trusted to reject a forged token cleanly (SQL visibility answers
 * UNKNOWN, which the client retries until its deadline), and a cursor from another
 * query (other filters, another tenant) must not be replayed, so both are checked here.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const sign = (secret: Buffer, query: string, token: Buffer) =>
  createHmac('sha256', secret).update(query).update('\u0000').update(token).digest().subarray(0, 16);

export function encodeCursor(secret: Buffer, query: string, token: Uint8Array): string {
  const t = Buffer.from(token);
  return `${t.toString('base64url')}.${sign(secret, query, t).toString('base64url')}`;
}

/** The page token, or null when the cursor is not one we issued for this query. */
export function decodeCursor(secret: Buffer, query: string, cursor: string): Buffer | null {
  const [token, mac] = cursor.split('.');
  if (!token || !mac) return null;
  const t = Buffer.from(token, 'base64url');
  const expected = sign(secret, query, t);
  const given = Buffer.from(mac, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? t : null;
}
