/** GET /v1/trainings/{id}/checkpoints: the job's checkpoints with iteration and loss. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { describeJob } from '../../../jobs/describe-job.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { BEARER_SECURITY, JobIdParamsSchema, problems } from '../../schemas/common.ts';
import { jobRefOf } from '../../viewer.ts';

const CheckpointListSchema = z
  .object({
    data: z.array(
      z.object({ iteration: z.number().int(), loss: z.number().nullable(), createdAt: z.string() }),
    ),
  })
  .openapi('CheckpointList');

const route = createRoute({
  method: 'get',
  path: '/v1/trainings/{id}/checkpoints',
  tags: ['trainings'],
  operationId: 'listTrainingCheckpoints',
  summary: 'List checkpoints (oldest first)',
  description:
    'Checkpoints are removed when a job is cancelled or deleted; a failed job keeps them (an operator may reset it).',
  security: BEARER_SECURITY,
  request: { params: JobIdParamsSchema },
  responses: {
    200: { description: 'Checkpoints', content: { 'application/json': { schema: CheckpointListSchema } } },
    ...problems(400, 401, 404, 503),
  },
});

export function checkpointsRoute(gw: Gateway) {
  return new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    await describeJob(gw, jobRefOf(c, id)); // not found (or deleted): 404
    const records = await gw.storage.listCheckpoints(id);
    return c.json(
      { data: records.map((r) => ({ iteration: r.iteration, loss: r.loss, createdAt: r.createdAt })) },
      200,
    );
  });
}
