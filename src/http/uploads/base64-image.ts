/**
 * Strict base64 for `styleRefBase64`: Node's decoder silently skips invalid
 * characters, so the alphabet and padding are checked first. A `data:` URL prefix
 * (what browsers' FileReader produces) and line breaks (MIME-style) are accepted.
 */
import { ApiError } from '../errors.ts';

const DATA_URL = /^data:[\w.+-]+\/[\w.+-]+;base64,/i;
// A plain character class (no repeated groups): linear even for a 20 MiB string.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64Image(text: string, field: string): Buffer {
  const body = text.replace(DATA_URL, '').replace(/\r?\n/g, '');
  const padded = body.endsWith('=');
  // Unpadded input is fine, but a length of 4n+1 can never be base64, nor padding off a 4-boundary.
  if (!BASE64.test(body) || body.length % 4 === 1 || (padded && body.length % 4 !== 0)) {
    throw new ApiError('validation_failed', `${field} is not valid base64`, {
      errors: [{ field, message: 'not valid base64' }],
    });
  }
  return Buffer.from(body, 'base64');
}
