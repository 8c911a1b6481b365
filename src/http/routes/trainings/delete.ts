/** DELETE /v1/trainings/{id}: cancel if running, then delete the job's data and record. */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { deleteJob } from '../../../jobs/delete-job.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { BEARER_SECURITY, JobIdParamsSchema, problems } from '../../schemas/common.ts';
import { JobSchema } from '../../schemas/job.ts';
import { jobRefOf } from '../../viewer.ts';

const route = createRoute({
  method: 'delete',
  path: '/v1/trainings/{id}',
  tags: ['trainings'],
  operationId: 'deleteTraining',
  summary: 'Delete a job (cancelling it first if it runs)',
  description:
    '204 once its checkpoints and artifacts are gone and the job record is scheduled for deletion (Temporal removes it asynchronously; until then GET shows it without artifacts, then 404). 202 with the job while its cancellation is still in progress: repeat the DELETE to finish. The uploaded image blob is content-addressed and shared, so it is kept.',
  security: BEARER_SECURITY,
  request: { params: JobIdParamsSchema },
  responses: {
    202: {
      description: 'Cancelling; repeat the request',
      content: { 'application/json': { schema: JobSchema } },
    },
    204: { description: 'Deleted' },
    ...problems(400, 401, 404, 503),
  },
});

export function deleteTrainingRoute(gw: Gateway) {
  return new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const outcome = await deleteJob(gw, jobRefOf(c, id));
    c.get('log').info({ jobId: id, deleted: outcome.deleted }, 'job delete');
    if (outcome.deleted) return c.body(null, 204);
    c.header('retry-after', '2');
    return c.json(await gw.jobs.fromFacts(outcome.facts), 202);
  });
}
