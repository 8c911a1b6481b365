/**
 * Requests that never reach Hono — headers over Node's limit (431), or bytes that are not
 * HTTP at all (400) — are answered by Node's own default handler in plain text. Answer
 * them as problem+json too, like every other refusal, then close the connection.
 */
import { randomUUID } from 'node:crypto';
import { type Duplex } from 'node:stream';
import { problemBody } from './errors.ts';

/** `server`: what @hono/node-server's serve() returns (an http, https or http2 server). */
export function answerClientErrors(server: NodeJS.EventEmitter): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    const headersTooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const code = headersTooLarge ? 'request_header_too_large' : 'malformed_request';
    const detail = headersTooLarge
      ? 'the request headers are too large'
      : 'the request is not valid HTTP/1.1';
    const requestId = randomUUID();
    const body = JSON.stringify(problemBody(code, detail, requestId));
    const status = headersTooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
