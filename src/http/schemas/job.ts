/** The job object of the API (see src/jobs/api-job.ts; typed routes check handlers against it). */
import { z } from '@hono/zod-openapi';
import { JOB_PHASES, JOB_STATUSES } from '../../../workflows/job-view.ts';
import { API_JOB_STATUSES } from '../../jobs/api-job.ts';

export const JobStatusSchema = z.enum(JOB_STATUSES).openapi('JobStatus', {
  description:
    'Coarse state: queued (waiting for a slot or a delayed start), running, paused, or a terminal one',
});
/** A job's status in the API: the workflow's statuses plus `retrying`, which only the gateway sees. */
export const ApiJobStatusSchema = z.enum(API_JOB_STATUSES).openapi('ApiJobStatus', {
  description:
    'Coarse state: queued (waiting for a slot or a delayed start), running, retrying (an attempt failed and the ' +
    'next one waits for its backoff, or runs but has not got past the trouble yet; `lastError` says why), ' +
    'paused, or a terminal one. The list filter `status=running` also finds retrying jobs.',
});

export const LastErrorSchema = z
  .object({
    code: z.string().openapi({ description: 'Failure type, e.g. StorageUnavailable, HeartbeatTimeout' }),
    message: z.string().openapi({
      description: 'The cause as the failed attempt said it',
      example: 'writing checkpoint 12 of job local/job-1: ENOSPC: no space left on device, write',
    }),
    activity: z.string().openapi({ description: 'The activity being retried, e.g. trainStyle, decodeImage' }),
    attempt: z.number().int().openapi({ description: 'The attempt that failed' }),
    at: z.string().nullable().openapi({ description: 'When that attempt ended' }),
    nextAttemptAt: z
      .string()
      .nullable()
      .openapi({ description: 'When the next attempt is due (null once it runs)' }),
  })
  .openapi('LastError');

export const JobPhaseSchema = z
  .enum(JOB_PHASES)
  .openapi('JobPhase', { description: 'Fine-grained pipeline phase' });

export const ProgressSchema = z
  .object({
    iteration: z.number().int(),
    total: z.number().int(),
    loss: z.number().nullable(),
    percent: z.number(),
  })
  .openapi('Progress');

export const JobSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    styleName: z.string(),
    baseModel: z.string(),
    status: ApiJobStatusSchema,
    phase: JobPhaseSchema,
    priority: z.number().int().openapi({ description: '1 (highest) to 5 (lowest)' }),
    progress: ProgressSchema.nullable().openapi({
      description: 'Last progress the server received (works with no worker running)',
    }),
    attempt: z
      .number()
      .int()
      .openapi({ description: 'Attempt of the current training activity (> 1 after a lost worker)' }),
    queue: z
      .object({
        position: z
          .number()
          .int()
          .nullable()
          .openapi({ description: '1 = next to train; null when not waiting' }),
        length: z.number().int().openapi({ description: 'Jobs waiting for a training slot (approximate)' }),
      })
      .nullable()
      .openapi({
        description:
          'Null once the job finished, and in the answer to a submission when the gateway holds no recent queue snapshot (a submission never waits for one): GET the job for its place',
      }),
    eta: z
      .string()
      .nullable()
      .openapi({ description: 'Estimated finish (ISO time) from the progress rate; null when unknown' }),
    createdAt: z.string(),
    scheduledFor: z.string().nullable().openapi({ description: 'Delayed start (`startAt`), if any' }),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    lastError: LastErrorSchema.nullable().openapi({
      description:
        'While an activity of the job is being retried (storage full or read-only, S3 unavailable, a lost worker, …): ' +
        'why its last attempt failed. Null otherwise; `error` holds the failure of a failed job.',
    }),
    artifacts: z.array(
      z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string(), href: z.string() }),
    ),
    params: z.record(z.string(), z.unknown()),
    metadata: z.record(z.string(), z.string()),
    links: z.object({ self: z.string(), artifacts: z.string(), checkpoints: z.string(), events: z.string() }),
  })
  .openapi('Job');

export const JobListSchema = z
  .object({
    data: z.array(JobSchema),
    hasMore: z.boolean(),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `after` to get the next page' }),
  })
  .openapi('JobList');
