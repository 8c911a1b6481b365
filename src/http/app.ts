/**
 * createApp: the gateway's Hono application — stateless; every job fact comes from
 * Temporal or storage. Routes are typed (`@hono/zod-openapi`), so `/openapi.json`
 * is generated from the same schemas that validate requests.
 */
import { httpInstrumentationMiddleware } from '@hono/otel';
import { OpenAPIHono } from '@hono/zod-openapi';
import { createApiKeyStore } from '../auth/api-keys.ts';
import { createJobReader } from '../jobs/job-reader.ts';
import { createQueueTracker } from '../jobs/queue-tracker.ts';
import { docsRoutes } from './routes/docs/index.ts';
import { type AppEnv, type Gateway, type GatewayDeps } from './app-types.ts';
import { toApiError } from './error-mapping.ts';
import { problemResponse } from './errors.ts';
import { createGatewayMetrics } from './metrics.ts';
import { registerJobMetrics } from './job-metrics.ts';
import { createJobCensus } from '../jobs/job-census.ts';
import { TaskQueue } from '../../workflows/task-queues.ts';
import { authenticate } from './middleware/authenticate.ts';
import { uploadLimit } from './middleware/body-limit.ts';
import { temporalDeadline } from './middleware/temporal-deadline.ts';
import { requestContext } from './request-context.ts';
import { baseModelRoutes } from './routes/base-models/index.ts';
import { blobRoutes } from './routes/blobs/index.ts';
import { consoleRoutes } from './routes/console/index.ts';
import { eventRoutes } from './routes/events/index.ts';
import { healthRoutes } from './routes/health/index.ts';
import { LEGACY_PATHS, legacyRoutes } from './routes/legacy/index.ts';
import { fastApiErrors } from './routes/legacy/fastapi-errors.ts';
import { metricsRoutes } from './routes/metrics/index.ts';
import { trainingRoutes } from './routes/trainings/index.ts';
import { packRoutes } from './routes/packs/index.ts';
import { validationHook } from './validation-hook.ts';
import { allowedMethodsOf } from './method-not-allowed.ts';
import { withRequiredBodies, withServerLimits } from './openapi-document.ts';

/** Paths that need an API key (when keys are configured); health, metrics and docs stay public. */
const PROTECTED = ['/v1/*', '/queueTrain', '/getTrainStatus', '/stopOrDeleteTrain'];

/** Builds the gateway application from its dependencies (no I/O happens here). */
export function createApp(deps: GatewayDeps) {
  const metrics = createGatewayMetrics();
  registerJobMetrics(
    metrics.registry,
    createJobCensus(deps.client, { taskQueue: TaskQueue.orchestration + (deps.taskQueueSuffix ?? '') }),
  );
  const apiKeys = deps.apiKeys ?? createApiKeyStore([], []);
  const gw: Gateway = {
    ...deps,
    apiKeys,
    metrics,
    jobs: createJobReader({
      client: deps.client,
      storage: deps.storage,
      queue: createQueueTracker(deps.client),
    }),
  };
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // First, so the request's logs and its workflow start happen inside its span.
  if (deps.traceRequests) app.use('*', httpInstrumentationMiddleware());
  app.use('*', requestContext(deps.log));
  app.use('*', metrics.middleware);
  // Old clients get FastAPI's error shapes for every refusal, authentication's included.
  for (const path of LEGACY_PATHS) app.use(path, fastApiErrors);
  // Authentication before the body is read: an unauthenticated upload costs nothing.
  for (const path of PROTECTED) {
    app.use(path, authenticate(apiKeys));
    app.use(path, uploadLimit(deps.limits.maxBodyBytes));
    app.use(path, temporalDeadline(deps.client, deps.temporalDeadlineMs ?? 10_000));
  }

  app.route('/', healthRoutes(deps));
  app.route('/', metricsRoutes(gw));
  app.route('/', trainingRoutes(gw));
  app.route('/', packRoutes(gw));
  app.route('/', blobRoutes(gw));
  app.route('/', eventRoutes(gw));
  app.route('/', consoleRoutes());
  app.route('/', baseModelRoutes(gw));
  app.route('/', legacyRoutes(gw));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from ATELIER_API_KEYS (not needed when the gateway runs without keys)',
  });
  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Atelier API',
      version: '1.0.0',
      description: 'Durable image-style training jobs on Temporal.',
    },
    tags: [
      { name: 'trainings', description: 'Training jobs' },
      { name: 'packs', description: 'Several styles trained together' },
      { name: 'blobs', description: 'Images for workflows started by other clients' },
      { name: 'artifacts', description: 'Trained styles and previews' },
      { name: 'base models', description: 'Trainers' },
      { name: 'legacy', description: 'The old service’s endpoints, unchanged' },
      { name: 'operations', description: 'Health, readiness, metrics' },
    ],
  };
  app.get('/openapi.json', (c) =>
    c.json(withServerLimits(withRequiredBodies(app.getOpenAPI31Document(documentConfig)))),
  );
  app.route('/', docsRoutes());

  const allowedMethods = allowedMethodsOf(app as never);
  app.notFound((c) => {
    const allowed = allowedMethods(c.req.path);
    // A served method that found nothing (an unknown file under a served path) is a plain 404.
    if (allowed.length > 0 && !allowed.includes(c.req.method))
      return problemResponse(
        'method_not_allowed',
        `${c.req.method} is not allowed on ${c.req.path}`,
        c.get('requestId'),
        {
          headers: { allow: allowed.join(', ') },
          extra: { allow: allowed },
        },
      );
    return problemResponse('not_found', `no route for ${c.req.method} ${c.req.path}`, c.get('requestId'));
  });
  app.onError((err, c) => {
    const requestId = c.get('requestId') ?? 'unknown';
    const known = toApiError(err);
    if (known) {
      if (known.status >= 500)
        (c.get('log') ?? deps.log).warn({ err, requestId, code: known.code }, 'dependency unavailable');
      return problemResponse(known.code, known.message, requestId, known.options);
    }
    // Unknown errors: full detail to the log, nothing internal to the client.
    (c.get('log') ?? deps.log).error({ err, requestId }, 'unhandled error');
    return problemResponse(
      'internal_error',
      'an unexpected error occurred; quote the request id when reporting it',
      requestId,
    );
  });
  return app;
}
