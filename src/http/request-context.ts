/** Request id (accepted from `X-Request-Id` when sane, else generated) and a per-request child logger. */
import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { type Logger } from '../logger.ts';
import { type AppEnv } from './app-types.ts';

const SANE_ID = /^[A-Za-z0-9._-]{1,128}$/;

export function requestContext(log: Logger) {
  return createMiddleware<AppEnv>(async function requestContext(c, next) {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
    const started = performance.now();
    c.set('requestId', requestId);
    c.set('log', log.child({ requestId }));
    await next();
    c.header('x-request-id', requestId);
    log.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
}
