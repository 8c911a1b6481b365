/** GET /v1/trainings/{id}: the job, from Temporal's describe (works with no worker running). */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { BEARER_SECURITY, JobIdParamsSchema, problems } from '../../schemas/common.ts';
import { JobSchema } from '../../schemas/job.ts';
import { jobRefOf } from '../../viewer.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/trainings/{id}',
  tags: ['trainings'],
  operationId: 'getTraining',
  summary: 'Get a job: status, phase, progress, queue place, ETA, error, artifacts',
  security: BEARER_SECURITY,
  request: { params: JobIdParamsSchema },
  responses: {
    200: { description: 'The job', content: { 'application/json': { schema: JobSchema } } },
    ...problems(400, 401, 404, 503),
  },
});

export function getTrainingRoute(gw: Gateway) {
  return new OpenAPIHono<AppEnv>().openapi(route, async (c) =>
    c.json(await gw.jobs.get(jobRefOf(c, c.req.valid('param').id)), 200),
  );
}
