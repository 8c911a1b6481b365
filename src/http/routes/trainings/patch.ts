/** PATCH /v1/trainings/{id}: change the priority of a job that has not finished. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { setJobPriority } from '../../../jobs/job-actions.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { BEARER_SECURITY, JobIdParamsSchema, problems } from '../../schemas/common.ts';
import { JobSchema } from '../../schemas/job.ts';
import { jobRefOf } from '../../viewer.ts';
import { PrioritySchema } from './create-schemas.ts';

const route = createRoute({
  method: 'patch',
  path: '/v1/trainings/{id}',
  tags: ['trainings'],
  operationId: 'updateTraining',
  summary: "Change a job's priority",
  description:
    'A training task still waiting in the queue is re-queued with the new priority (`requeued: true`); a running one keeps its slot and the priority applies to its next scheduling. Needs a running worker (503 `worker_unavailable` otherwise).',
  security: BEARER_SECURITY,
  request: {
    params: JobIdParamsSchema,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ priority: PrioritySchema }).strict().openapi('UpdateTraining'),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'The job with its new priority',
      content: {
        'application/json': { schema: JobSchema.extend({ requeued: z.boolean() }).openapi('UpdatedJob') },
      },
    },
    ...problems(400, 401, 404, 409, 415, 503),
  },
});

export function patchTrainingRoute(gw: Gateway) {
  return new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { facts, result } = await setJobPriority(gw, jobRefOf(c, id), c.req.valid('json').priority);
    const job = await gw.jobs.fromFacts(facts);
    c.get('log').info(
      { jobId: id, priority: result.priority, requeued: result.requeued },
      'priority changed',
    );
    return c.json({ ...job, priority: result.priority, requeued: result.requeued }, 200);
  });
}
