/**
 * Prometheus metrics of the gateway. One registry per app (not prom-client's global
 * one), so several gateways in one process — tests — never collide. The route label
 * is the route pattern, never the raw path, to keep cardinality bounded.
 */
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { type AppEnv } from './app-types.ts';

export type SubmissionOutcome = 'created' | 'replayed' | 'rejected' | 'conflict' | 'error';

export interface GatewayMetrics {
  registry: Registry;
  jobsSubmitted: Counter<'outcome' | 'api'>;
  middleware: ReturnType<typeof createMiddleware<AppEnv>>;
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'atelier_gateway_' });
  const requests = new Histogram({
    name: 'atelier_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobsSubmitted = new Counter({
    name: 'atelier_jobs_submitted_total',
    help: 'Training submissions by outcome (created, replayed, rejected, conflict, error) and API (v1, legacy)',
    labelNames: ['outcome', 'api'] as const,
    registers: [registry],
  });
  const middleware = createMiddleware<AppEnv>(async function metrics(c, next) {
    const started = performance.now();
    try {
      await next();
    } finally {
      // The last matched route is the handler; unmatched requests only match middleware ('*').
      const route =
        c.res.status === 404 && routePath(c, -1) === '*' ? 'unmatched' : routePath(c, -1) || 'unmatched';
      requests.observe(
        { method: c.req.method, route, status: String(c.res.status) },
        (performance.now() - started) / 1000,
      );
    }
  });
  return { registry, jobsSubmitted, middleware };
}
