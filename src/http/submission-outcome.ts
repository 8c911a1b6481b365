/**
 * Counts training submissions by outcome. A route middleware, so it sees every
 * outcome — schema rejections included — from the final response.
 */
import { createMiddleware } from 'hono/factory';
import { type AppEnv } from './app-types.ts';
import { type GatewayMetrics, type SubmissionOutcome } from './metrics.ts';

function outcomeOf(status: number, replayed: boolean): SubmissionOutcome {
  if (status < 300) return replayed ? 'replayed' : 'created';
  if (status === 409) return 'conflict';
  return status < 500 ? 'rejected' : 'error';
}

export function countSubmissions(metrics: GatewayMetrics, api: 'v1' | 'legacy') {
  return createMiddleware<AppEnv>(async function countSubmissions(c, next) {
    await next();
    metrics.jobsSubmitted.inc({
      outcome: outcomeOf(c.res.status, c.res.headers.get('idempotent-replayed') === 'true'),
      api,
    });
  });
}
