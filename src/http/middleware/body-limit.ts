/**
 * The request body cap, enforced while the body streams in: Hono's bodyLimit refuses
 * a too-large Content-Length before reading anything, and counts a chunked body as it
 * arrives, stopping at the first chunk past the limit. The 413 closes the connection,
 * so the rest of an oversized upload is never read.
 */
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors.ts';

export function uploadLimit(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('payload_too_large', `the request body exceeds ${maxBytes} bytes`, {
        extra: { maxBytes },
        headers: { connection: 'close' },
      });
    },
  });
}
