/** GET /metrics: Prometheus text exposition (public, like health). */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { type AppEnv, type Gateway } from '../../app-types.ts';

const route = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['operations'],
  operationId: 'metrics',
  summary: 'Prometheus metrics (request histograms, jobs submitted by outcome, process)',
  responses: {
    200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } },
  },
});

export function metricsRoutes(gw: Gateway) {
  return new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
    const body = await gw.metrics.registry.metrics();
    return c.text(body, 200, { 'content-type': gw.metrics.registry.contentType });
  });
}
