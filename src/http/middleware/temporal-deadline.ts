/**
 * Bounds every Temporal call made while handling one request (the client otherwise
 * retries an unreachable server for a long time): past the deadline the call fails
 * with DEADLINE_EXCEEDED, which the error mapping answers as 503.
 */
import { type Client } from '@temporalio/client';
import { createMiddleware } from 'hono/factory';
import { type AppEnv } from '../app-types.ts';

export function temporalDeadline(client: Client, ms: number) {
  return createMiddleware<AppEnv>(function temporalDeadline(_c, next) {
    return client.withDeadline(Date.now() + ms, () => next());
  });
}
