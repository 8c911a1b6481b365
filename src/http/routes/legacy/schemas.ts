/**
 * The old service's request and response shapes, for the OpenAPI document. Requests
 * are read by legacy-body.ts with pydantic's rules, not by these schemas: they say what
 * a client should send, the reader accepts what the old service accepted.
 */
import { z } from '@hono/zod-openapi';
import { type JobStatus } from '../../../../workflows/job-view.ts';

const LegacyIdSchema = z
  .int()
  .min(-Number.MAX_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER)
  .openapi({ example: 42, description: 'Your job number (a numeric string is accepted too, as before)' });

export const QueueTrainSchema = z
  .object({
    id: LegacyIdSchema,
    styleName: z.string().openapi({ example: 'Ukiyo' }),
    baseModel: z.string().openapi({
      example: 'SDXL',
      description: 'Any name; mapped to a trainer by ATELIER_LEGACY_BASE_MODELS (default: color-lut)',
    }),
    styleRefBase64: z.string().openapi({ description: 'The reference image (PNG, JPEG or WebP), base64' }),
    params: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: 'Extension: trainer parameters' }),
    priority: z.int().min(1).max(5).optional().openapi({ description: 'Extension: 1 (highest) to 5' }),
  })
  .openapi('LegacyQueueTrain');

export const LegacyIdBodySchema = z.object({ id: LegacyIdSchema }).openapi('LegacyJobRef');

/** A stopped job is gone on the old API (its `/v1` view stays): it reads NOT_FOUND, as it did. */
export const LEGACY_STATUSES = ['PENDING', 'TRAINING', 'COMPLETED', 'FAILED', 'NOT_FOUND'] as const;
export type LegacyStatus = (typeof LEGACY_STATUSES)[number];

export const LEGACY_STATUS_OF: Record<JobStatus, LegacyStatus> = {
  queued: 'PENDING',
  running: 'TRAINING',
  paused: 'TRAINING',
  succeeded: 'COMPLETED',
  failed: 'FAILED',
  cancelled: 'NOT_FOUND',
};

export const MessageSchema = z
  .object({ message: z.literal('Job removed from queue') })
  .openapi('LegacyMessage');
export const QueuedSchema = z
  .object({ message: z.literal('Job added to queue'), queue_length: z.int() })
  .openapi('LegacyQueued');
export const StatusSchema = z.object({ status: z.enum(LEGACY_STATUSES) }).openapi('LegacyStatus');

/** FastAPI's 422 body. */
export const ValidationErrorSchema = z
  .object({
    detail: z.array(
      z.object({
        type: z.string(),
        loc: z.array(z.union([z.string(), z.int()])),
        msg: z.string(),
        input: z.unknown(),
        ctx: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  })
  .openapi('LegacyValidationError');

/** FastAPI's HTTPException body (every other refusal), with our stable code and request id. */
export const LegacyErrorSchema = z
  .object({ detail: z.string(), code: z.string(), requestId: z.string() })
  .openapi('LegacyError');
