/**
 * GET /v1/trainings/{id}/events: the job's event log, derived from its workflow history.
 * JSON: a page (`after`, `limit`) plus the current progress sample. With
 * `Accept: text/event-stream`: a live SSE stream of events and progress that ends after
 * the terminal event and resumes with Last-Event-ID on any gateway instance.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { pageOf, readEventLog } from '../../../events/event-log.ts';
import { describeJob } from '../../../jobs/describe-job.ts';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { BEARER_SECURITY, JobIdParamsSchema, problems } from '../../schemas/common.ts';
import { jobRefOf } from '../../viewer.ts';
import { EventHeadersSchema, EventPageSchema, EventQuerySchema } from './schemas.ts';
import { eventStreamResponse, wantsEventStream } from './sse.ts';

const STREAM_DESCRIPTION = [
  'Server-sent events: `event: event` (a JobEvent, with `id:`), `event: progress` (a ProgressSample, at most every 500 ms while training),',
  '`: keep-alive` comments every 15 s, and `event: end` after the terminal event, then the stream closes.',
  'Reconnect with `Last-Event-ID` (EventSource does it for you) to resume; past the terminal event the answer is 204.',
].join(' ');

const route = createRoute({
  method: 'get',
  path: '/v1/trainings/{id}/events',
  tags: ['trainings'],
  operationId: 'listTrainingEvents',
  summary: 'Event log (JSON page) or live event stream (SSE)',
  description: `Events: created, decoding, training_queued, attempt_started, checkpoint, retried (an attempt of decoding, training or publishing failed and is retried: data.attempt is the next attempt, data.failure.message the cause, e.g. ENOSPC; or a lost worker), pausing, paused, resumed, priority_changed, publishing, published, cancelling, and one terminal event (succeeded, failed, cancelled). Ids come from the workflow history, so they are stable. ${STREAM_DESCRIPTION}`,
  security: BEARER_SECURITY,
  request: { params: JobIdParamsSchema, query: EventQuerySchema, headers: EventHeadersSchema },
  responses: {
    200: {
      description: 'A page of events (JSON), or the live stream (SSE)',
      content: {
        'application/json': { schema: EventPageSchema },
        'text/event-stream': { schema: z.string().openapi({ description: STREAM_DESCRIPTION }) },
      },
    },
    204: { description: 'SSE resume past the terminal event: nothing more will come' },
    ...problems(400, 401, 404, 503),
  },
});

export function eventRoutes(gw: Gateway) {
  return new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { after, limit } = c.req.valid('query');
    if (wantsEventStream(c.req.header('accept'))) {
      // Tenancy (404) is decided before the stream starts, while a problem+json can still be sent.
      const facts = await describeJob(gw, jobRefOf(c, id));
      return eventStreamResponse(c, gw, facts, c.req.valid('header')['last-event-id'] ?? after ?? null);
    }
    const log = await readEventLog(gw, jobRefOf(c, id));
    return c.json({ ...pageOf(log.events, after, limit), progress: log.progress }, 200);
  });
}
