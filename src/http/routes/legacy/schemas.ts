/** The old service's request and response shapes, kept exactly for its clients. */
import { z } from '@hono/zod-openapi';
import { MAX_PRIORITY, MIN_PRIORITY } from '../../../../workflows/messages.ts';
import { type JobStatus } from '../../../../workflows/job-view.ts';
import { BaseModelSchema, ParamsSchema, StyleNameSchema } from '../trainings/create-schemas.ts';

export const LegacyIdSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).openapi({ example: 42 });

export const QueueTrainSchema = z
  .object({
    id: LegacyIdSchema,
    styleName: StyleNameSchema,
    baseModel: BaseModelSchema,
    styleRefBase64: z.string().min(1),
    params: ParamsSchema.optional(),
    priority: z.number().int().min(MIN_PRIORITY).max(MAX_PRIORITY).optional(),
  })
  .openapi('LegacyQueueTrain');

export const LegacyIdBodySchema = z.object({ id: LegacyIdSchema }).openapi('LegacyJobRef');

export const LEGACY_STATUSES = [
  'PENDING',
  'TRAINING',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'NOT_FOUND',
] as const;
export type LegacyStatus = (typeof LEGACY_STATUSES)[number];

export const LEGACY_STATUS_OF: Record<JobStatus, LegacyStatus> = {
  queued: 'PENDING',
  running: 'TRAINING',
  paused: 'TRAINING',
  succeeded: 'COMPLETED',
  failed: 'FAILED',
  cancelled: 'CANCELLED',
};

export const MessageSchema = z.object({ message: z.string() });
export const QueuedSchema = z
  .object({ message: z.literal('Job added to queue'), queue_length: z.number().int() })
  .openapi('LegacyQueued');
export const StatusSchema = z.object({ status: z.enum(LEGACY_STATUSES) }).openapi('LegacyStatus');
