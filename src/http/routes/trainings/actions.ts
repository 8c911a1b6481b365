/** POST /v1/trainings/{id}/cancel | /pause | /resume: 202 with the job; idempotent; 409 when the state forbids it. */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { actOnJob, type JobAction } from '../../../jobs/job-actions.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { BEARER_SECURITY, JobIdParamsSchema, problems } from '../../schemas/common.ts';
import { JobSchema } from '../../schemas/job.ts';
import { jobRefOf } from '../../viewer.ts';

const DESCRIPTIONS: Record<JobAction, string> = {
  cancel:
    'Cancels the workflow: the trainer stops within about one iteration, partial files are removed, the job ends `cancelled`. Cancelling a cancelled job succeeds again; a finished one is a 409.',
  pause:
    'Stops training and frees the slot, keeping the checkpoint (`pausing` → `paused`). A job paused before it trains pauses when it reaches training.',
  resume:
    'Schedules training again from the latest checkpoint (a resume of a job that is not paused is a no-op).',
};

function actionRoute(action: JobAction) {
  return createRoute({
    method: 'post',
    path: `/v1/trainings/{id}/${action}`,
    tags: ['trainings'],
    operationId: `${action}Training`,
    summary: `${action[0].toUpperCase()}${action.slice(1)} a job`,
    description: `${DESCRIPTIONS[action]} The answer shows the job as the server has it right now; the change itself happens asynchronously.`,
    security: BEARER_SECURITY,
    request: { params: JobIdParamsSchema },
    responses: {
      202: { description: 'Accepted', content: { 'application/json': { schema: JobSchema } } },
      ...problems(400, 401, 404, 409, 503),
    },
  });
}

export function jobActionRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>();
  for (const action of ['cancel', 'pause', 'resume'] as const) {
    app.openapi(actionRoute(action), async (c) => {
      const facts = await actOnJob(gw, jobRefOf(c, c.req.valid('param').id), action);
      c.get('log').info({ jobId: facts.jobId, action }, 'job action');
      return c.json(await gw.jobs.fromFacts(facts), 202);
    });
  }
  return app;
}
