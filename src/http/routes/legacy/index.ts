/**
 * The old service's three endpoints on top of the durable jobs: same paths, same
 * request and response JSON, same FastAPI/pydantic error shapes (checked against the
 * old service itself in test/legacy). An old id names the tenant's job of that number;
 * a stopped job is gone, as it was, and queueing its id again queues a new job.
 * README "The old API" lists every remaining difference.
 */
import { OpenAPIHono, createRoute, type RouteConfig } from '@hono/zod-openapi';
import { DEFAULT_PRIORITY } from '../../../../workflows/messages.ts';
import { isTerminalPhase } from '../../../../workflows/job-view.ts';
import { trainingWorkflowId } from '../../../../workflows/job-identity.ts';
import { isBeingStopped, statusAndPhaseOf } from '../../../jobs/build-job-view.ts';
import { deleteJob } from '../../../jobs/delete-job.ts';
import { describeJob, type JobFacts } from '../../../jobs/describe-job.ts';
import { JobServiceError } from '../../../jobs/job-service-error.ts';
import { submitTraining } from '../../../jobs/submit-training.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { BEARER_SECURITY, RATE_LIMIT_HEADERS, TOO_MANY_REQUESTS_HEADERS } from '../../schemas/common.ts';
import { countSubmissions } from '../../submission-outcome.ts';
import { rateLimitHeaders } from '../../rate-limit-headers.ts';
import { decodeBase64Image } from '../../uploads/base64-image.ts';
import { jobRefOf } from '../../viewer.ts';
import { validationResponse } from './fastapi-errors.ts';
import { legacyJobIdOf, parseIdBody, parseQueueTrain, readLegacyBody } from './legacy-body.ts';
import { legacyExtensions } from './legacy-extensions.ts';
import {
  DEFAULT_LEGACY_BASE_MODELS,
  legacyMetadata,
  legacyStyleName,
  legacyTrainerFor,
} from './legacy-fields.ts';
import * as S from './schemas.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const refusals = {
  401: {
    description: 'Missing or invalid API key',
    content: { 'application/json': { schema: S.LegacyErrorSchema } },
  },
  409: {
    description: 'The id names a running job of another request',
    content: { 'application/json': { schema: S.LegacyErrorSchema } },
  },
  413: { description: 'Body too large', content: { 'application/json': { schema: S.LegacyErrorSchema } } },
  422: {
    description: 'Validation error (FastAPI)',
    content: { 'application/json': { schema: S.ValidationErrorSchema } },
  },
  503: {
    description: 'Temporal unreachable; retry later',
    content: { 'application/json': { schema: S.LegacyErrorSchema } },
  },
};
/** Only a submission is limited per tenant (README "Per-tenant limits"); in the old API's shape too. */
const queueRefusals = {
  ...refusals,
  429: {
    headers: TOO_MANY_REQUESTS_HEADERS,
    description:
      "The tenant's active-job cap or submission rate is reached (`code`: `tenant_active_limit` or `tenant_rate_limited`); retry after `Retry-After` seconds",
    content: { 'application/json': { schema: S.LegacyErrorSchema } },
  },
};
const documented = (
  path: string,
  summary: string,
  body: unknown,
  ok: unknown,
  refused: Record<number, unknown> = refusals,
  okHeaders?: Record<string, unknown>,
): RouteConfig =>
  createRoute({
    method: 'post',
    path,
    tags: ['legacy'],
    security: BEARER_SECURITY,
    operationId: `legacy${path[1].toUpperCase()}${path.slice(2)}`,
    summary,
    request: { body: json(body) },
    responses: {
      200: { description: 'OK', headers: okHeaders, content: { 'application/json': { schema: ok } } },
      ...refused,
    },
  } as RouteConfig);

const ROUTES = [
  documented(
    '/queueTrain',
    'Old API: queue a training job (prefer POST /v1/trainings)',
    S.QueueTrainSchema,
    S.QueuedSchema,
    queueRefusals,
    RATE_LIMIT_HEADERS,
  ),
  documented(
    '/getTrainStatus',
    'Old API: PENDING, TRAINING, COMPLETED, FAILED or NOT_FOUND',
    S.LegacyIdBodySchema,
    S.StatusSchema,
  ),
  documented(
    '/stopOrDeleteTrain',
    'Old API: stop a queued or running job, delete a finished one',
    S.LegacyIdBodySchema,
    S.MessageSchema,
  ),
];

/** The old API's paths: createApp puts fastApiErrors in front of everything on them (auth included). */
export const LEGACY_PATHS = ROUTES.map((r) => r.path);

export function legacyRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>();
  // Documented like every route, read by hand: the old service's rules are pydantic's, not zod's.
  for (const route of ROUTES) app.openAPIRegistry.registerPath(route);
  const removed = { message: 'Job removed from queue' as const };

  app.post('/queueTrain', countSubmissions(gw.metrics, 'legacy'), async (c) => {
    const body = await readLegacyBody(c);
    const fields = body.ok ? parseQueueTrain(body.value) : body;
    if (!fields.ok) return validationResponse(fields.errors);
    const b = fields.value;
    const extensions = legacyExtensions(b);
    if (!extensions.ok) return validationResponse(extensions.errors);
    const trainer = legacyTrainerFor(
      gw.legacyBaseModels ?? DEFAULT_LEGACY_BASE_MODELS,
      gw.trainers,
      b.baseModel,
    );
    const { facts, created, quota } = await submitTraining(gw, {
      tenantId: c.get('tenantId'),
      exemptFromLimits: c.get('isAdmin'),
      id: String(b.id),
      styleName: legacyStyleName(b.styleName),
      baseModel: trainer,
      image: decodeBase64Image(b.styleRefBase64, 'styleRefBase64'),
      imageField: 'styleRefBase64',
      params: extensions.value.params ?? {},
      priority: extensions.value.priority ?? DEFAULT_PRIORITY,
      metadata: legacyMetadata(b.baseModel, trainer),
      legacy: true,
    });
    // `queue_length` is the whole answer here, so unlike POST /v1/trainings this asks for the
    // current queue: a snapshot up to 10 s old without waiting; only with none does it wait for a scan.
    const job = await gw.jobs.fromFacts(facts);
    if (!created) c.header('idempotent-replayed', 'true');
    for (const [name, value] of Object.entries(rateLimitHeaders(quota))) c.header(name, value);
    return c.json({ message: 'Job added to queue' as const, queue_length: job.queue?.length ?? 0 }, 200);
  });

  app.post('/getTrainStatus', async (c) => {
    const body = await readLegacyBody(c);
    const parsed = body.ok ? parseIdBody(body.value) : body;
    if (!parsed.ok) return validationResponse(parsed.errors);
    const jobId = legacyJobIdOf(parsed.value.id);
    const facts = jobId && (await describeJob(gw, jobRefOf(c, jobId)).catch(nullIfNotFound));
    return c.json({ status: facts ? legacyStatusOf(facts) : 'NOT_FOUND' }, 200);
  });

  app.post('/stopOrDeleteTrain', async (c) => {
    const body = await readLegacyBody(c);
    const parsed = body.ok ? parseIdBody(body.value) : body;
    if (!parsed.ok) return validationResponse(parsed.errors);
    const jobId = legacyJobIdOf(parsed.value.id);
    const ref = jobId === null ? null : jobRefOf(c, jobId);
    const facts = ref && (await describeJob(gw, ref).catch(nullIfNotFound));
    // Like the old list filter: removing what is not there succeeds too.
    if (!ref || !facts) return c.json(removed, 200);
    const { phase } = statusAndPhaseOf(facts);
    if (facts.executionStatus === 'RUNNING' && !isTerminalPhase(phase))
      await gw.client.workflow.getHandle(trainingWorkflowId(ref)).cancel();
    else await deleteJob(gw, ref);
    return c.json(removed, 200);
  });
  return app;
}

/**
 * A job stopped, or being stopped, is gone for the old API at once, as it was when the
 * old service dropped it from its list (its `/v1` view stays).
 */
function legacyStatusOf(facts: JobFacts): S.LegacyStatus {
  return isBeingStopped(facts) ? 'NOT_FOUND' : S.LEGACY_STATUS_OF[statusAndPhaseOf(facts).status];
}

function nullIfNotFound(err: unknown): null {
  if (err instanceof JobServiceError && err.kind === 'JobNotFound') return null;
  throw err;
}
