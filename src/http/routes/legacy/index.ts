/**
 * The old service's three endpoints on top of the durable jobs: same paths, same
 * request and response JSON, same tenancy as `/v1`. A legacy job's id is the string
 * of its integer id, so `/v1/trainings/42` shows the job queued as `{"id": 42}`.
 */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { DEFAULT_PRIORITY, trainingWorkflowId } from '../../../../workflows/messages.ts';
import { statusAndPhaseOf } from '../../../jobs/build-job-view.ts';
import { deleteJob } from '../../../jobs/delete-job.ts';
import { describeJob } from '../../../jobs/describe-job.ts';
import { JobServiceError } from '../../../jobs/job-service-error.ts';
import { submitTraining } from '../../../jobs/submit-training.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { ApiError } from '../../errors.ts';
import { BEARER_SECURITY, problems } from '../../schemas/common.ts';
import { countSubmissions } from '../../submission-outcome.ts';
import { decodeBase64Image } from '../../uploads/base64-image.ts';
import { viewerOf } from '../../viewer.ts';
import { legacyMessages } from './message-compat.ts';
import {
  LEGACY_STATUS_OF,
  LegacyIdBodySchema,
  MessageSchema,
  QueueTrainSchema,
  QueuedSchema,
  StatusSchema,
} from './schemas.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const legacy = { tags: ['legacy'], security: BEARER_SECURITY, method: 'post' as const };

const queueTrainRoute = (gw: Gateway) =>
  createRoute({
    ...legacy,
    middleware: [countSubmissions(gw.metrics, 'legacy')] as const,
    path: '/queueTrain',
    operationId: 'legacyQueueTrain',
    summary: 'Old API: queue a training job (prefer POST /v1/trainings)',
    description:
      'Repeating the same request with the same `id` answers the same; the same `id` with another request is a 409.',
    request: { body: json(QueueTrainSchema) },
    responses: {
      200: { description: 'Queued', content: { 'application/json': { schema: QueuedSchema } } },
      ...problems(400, 401, 409, 413, 415, 422, 503),
    },
  });

const statusRoute = createRoute({
  ...legacy,
  path: '/getTrainStatus',
  operationId: 'legacyGetTrainStatus',
  summary: 'Old API: job status (PENDING, TRAINING, COMPLETED, FAILED, CANCELLED, NOT_FOUND)',
  request: { body: json(LegacyIdBodySchema) },
  responses: {
    200: { description: 'Status', content: { 'application/json': { schema: StatusSchema } } },
    ...problems(400, 401, 503),
  },
});

const stopRoute = createRoute({
  ...legacy,
  path: '/stopOrDeleteTrain',
  operationId: 'legacyStopOrDeleteTrain',
  summary: 'Old API: cancel a queued or running job; delete a finished one',
  request: { body: json(LegacyIdBodySchema) },
  responses: {
    200: {
      description: 'Done',
      content: { 'application/json': { schema: MessageSchema.openapi('LegacyMessage') } },
    },
    ...problems(400, 401, 404, 503),
  },
});

export function legacyRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>();
  for (const path of ['/queueTrain', '/getTrainStatus', '/stopOrDeleteTrain']) app.use(path, legacyMessages);
  app.openapi(queueTrainRoute(gw), async (c) => {
    const b = c.req.valid('json');
    const { facts, created } = await submitTraining(gw, {
      tenantId: c.get('tenantId'),
      id: String(b.id),
      styleName: b.styleName,
      baseModel: b.baseModel,
      image: decodeBase64Image(b.styleRefBase64, 'styleRefBase64'),
      imageField: 'styleRefBase64',
      params: b.params ?? {},
      priority: b.priority ?? DEFAULT_PRIORITY,
    });
    const job = await gw.jobs.fromFacts(facts);
    if (!created) c.header('idempotent-replayed', 'true');
    return c.json({ message: 'Job added to queue' as const, queue_length: job.queue?.length ?? 0 }, 200);
  });
  app.openapi(statusRoute, async (c) => {
    try {
      const facts = await describeJob(gw.client, String(c.req.valid('json').id), viewerOf(c));
      return c.json({ status: LEGACY_STATUS_OF[statusAndPhaseOf(facts).status] }, 200);
    } catch (err) {
      if (err instanceof JobServiceError && err.kind === 'JobNotFound')
        return c.json({ status: 'NOT_FOUND' as const }, 200);
      throw err;
    }
  });
  app.openapi(stopRoute, async (c) => {
    const id = String(c.req.valid('json').id);
    const facts = await describeJob(gw.client, id, viewerOf(c)).catch((err: unknown) => {
      throw err instanceof JobServiceError && err.kind === 'JobNotFound'
        ? new ApiError('not_found', 'Job not found')
        : err;
    });
    // Queued or running: stop it (it stays visible as CANCELLED). Already finished: delete it.
    if (facts.executionStatus === 'RUNNING')
      await gw.client.workflow.getHandle(trainingWorkflowId(id)).cancel();
    else await deleteJob(gw, id, viewerOf(c));
    return c.json({ message: 'Job removed from queue' }, 200);
  });
  return app;
}
