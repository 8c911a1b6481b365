/** GET /v1/trainings: the caller's jobs, newest first, filtered, with cursor pagination. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { TaskQueue } from '../../../../workflows/task-queues.ts';
import { createApiKeyStore } from '../../../auth/api-keys.ts';
import { TENANT_ID_PATTERN } from '../../../../workflows/job-identity.ts';
import { InvalidCursorError, listJobs } from '../../../jobs/list-jobs.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { ApiError } from '../../errors.ts';
import { BEARER_SECURITY, problems } from '../../schemas/common.ts';
import { JobListSchema, JobPhaseSchema, JobStatusSchema } from '../../schemas/job.ts';
import { viewerOf } from '../../viewer.ts';
import { BaseModelSchema, StyleNameSchema } from './create-schemas.ts';

const QuerySchema = z.object({
  status: JobStatusSchema.optional(),
  phase: JobPhaseSchema.optional(),
  styleName: StyleNameSchema.optional(),
  baseModel: BaseModelSchema.optional(),
  tenantId: z
    .string()
    .regex(TENANT_ID_PATTERN)
    .optional()
    .openapi({ description: 'Admin keys only: one tenant' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  after: z
    .string()
    .max(8192)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    .optional()
    .openapi({ description: '`nextCursor` of the previous page' }),
});

const route = createRoute({
  method: 'get',
  path: '/v1/trainings',
  tags: ['trainings'],
  operationId: 'listTrainings',
  summary: 'List jobs (filters: status, phase, styleName, baseModel; cursor pagination)',
  description:
    'Approximate and eventually consistent (Temporal visibility): a job submitted a moment ago may appear a little later.',
  security: BEARER_SECURITY,
  request: { query: QuerySchema },
  responses: {
    200: { description: 'One page of jobs', content: { 'application/json': { schema: JobListSchema } } },
    ...problems(400, 401, 503),
  },
});

export function listTrainingsRoute(gw: Gateway) {
  const taskQueue = TaskQueue.orchestration + (gw.taskQueueSuffix ?? '');
  const cursorSecret = (gw.apiKeys ?? createApiKeyStore([], [])).deriveSecret('list-cursor'); // createApp always sets apiKeys
  return new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
    const { limit, after, ...filter } = c.req.valid('query');
    const page = await listJobs({ ...gw, taskQueue, cursorSecret }, viewerOf(c), filter, {
      limit,
      after,
    }).catch((err: unknown) => {
      if (!(err instanceof InvalidCursorError)) throw err;
      throw new ApiError('validation_failed', 'invalid cursor', {
        errors: [{ field: 'after', message: err.message }],
      });
    });
    return c.json({ data: page.data, hasMore: page.nextCursor !== null, nextCursor: page.nextCursor }, 200);
  });
}
