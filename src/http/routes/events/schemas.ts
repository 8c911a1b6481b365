/** Schemas of the event log: one event, a progress sample, a page, and the paging inputs. */
import { z } from '@hono/zod-openapi';
import { EVENT_ID_PATTERN, JOB_EVENT_TYPES } from '../../../events/job-event.ts';

export const EventIdSchema = z.string().regex(EVENT_ID_PATTERN).openapi({
  description:
    'Event id: the workflow history event id it comes from, `-n` for further events of the same one',
  example: '18-1',
});

export const JobEventSchema = z
  .object({
    id: EventIdSchema,
    type: z.enum(JOB_EVENT_TYPES),
    at: z.string().openapi({ description: 'When the history recorded it (ISO 8601)' }),
    message: z.string().openapi({ example: 'Checkpoint at iteration 40/100 (loss 0.01234)' }),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('JobEvent');

export const ProgressSampleSchema = z
  .object({
    iteration: z.number().int(),
    total: z.number().int(),
    loss: z.number().nullable(),
    percent: z.number(),
    attempt: z.number().int(),
    eta: z.string().nullable(),
    heartbeatAt: z
      .string()
      .nullable()
      .openapi({ description: 'When the server received the heartbeat with these numbers' }),
  })
  .openapi('ProgressSample', {
    description: "The running training attempt's latest heartbeat (not part of the log)",
  });

export const EventPageSchema = z
  .object({
    data: z.array(JobEventSchema),
    hasMore: z.boolean(),
    nextCursor: EventIdSchema.nullable().openapi({
      description: 'Pass as `after` for the next page (also to poll for newer events)',
    }),
    progress: ProgressSampleSchema.nullable(),
  })
  .openapi('JobEventPage');

export const EventQuerySchema = z.object({
  after: EventIdSchema.optional().openapi({ description: 'Only events after this id' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const EventHeadersSchema = z.object({
  'last-event-id': EventIdSchema.optional().openapi({
    description: 'SSE resume point (sent by EventSource on reconnect)',
  }),
});
