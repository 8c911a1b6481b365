/**
 * createApp: the gateway's Hono application — stateless; every job fact comes from
 * Temporal or storage. Routes are typed (`@hono/zod-openapi`), so `/openapi.json`
 * is generated from the same schemas that validate requests.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { type AppEnv, type GatewayDeps } from './app-types.ts';
import { ApiError, problemResponse } from './errors.ts';
import { requestContext } from './request-context.ts';
import { healthRoutes } from './routes/health/index.ts';
import { validationHook } from './validation-hook.ts';

export function createApp(deps: GatewayDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requestContext(deps.log));
  app.route('/', healthRoutes(deps));

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Atelier API', version: '1.0.0', description: 'Durable image-style training jobs on Temporal.' },
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json' }));

  app.notFound((c) => problemResponse('not_found', `no route for ${c.req.method} ${c.req.path}`, c.get('requestId')));
  app.onError((err, c) => {
    const requestId = c.get('requestId') ?? 'unknown';
    if (err instanceof ApiError) return problemResponse(err.code, err.message, requestId, err.errors, err.extra);
    // Unknown errors: full detail to the log, nothing internal to the client.
    (c.get('log') ?? deps.log).error({ err, requestId }, 'unhandled error');
    return problemResponse('internal_error', 'an unexpected error occurred; quote the request id when reporting it', requestId);
  });
  return app;
}
