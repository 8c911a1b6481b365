/**
 * Request bodies of `POST /v1/trainings`: JSON (image as base64, like the old API) or
 * multipart (image as a file part; structured fields as JSON strings). Limits keep the
 * workflow input small and the Temporal UI readable.
 */
import { z } from '@hono/zod-openapi';
import { MAX_PRIORITY, MIN_PRIORITY } from '../../../../workflows/messages.ts';
import { JobIdSchema } from '../../schemas/common.ts';

const WEBHOOK_EVENTS = [
  'training.started',
  'training.paused',
  'training.resumed',
  'training.succeeded',
  'training.failed',
  'training.cancelled',
] as const;

export const StyleNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}\p{Cf}]*$/u, 'must not contain control or format characters')
  .refine((s) => s.trim().length > 0, 'must not be blank')
  .openapi({ example: 'Ukiyo' });
export const BaseModelSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/)
  .openapi({ example: 'color-lut', description: 'A trainer name from GET /v1/base-models' });
export const ParamsSchema = z.record(z.string().max(64), z.unknown()).openapi({
  example: { iterations: 100, lutSize: 33 },
  description: 'Trainer parameters (see GET /v1/base-models)',
});
export const PrioritySchema = z
  .number()
  .int()
  .min(MIN_PRIORITY)
  .max(MAX_PRIORITY)
  .openapi({ description: '1 (highest) to 5 (lowest)', example: 3 });
export const StartAtSchema = z.iso
  .datetime({ offset: true })
  .openapi({ description: 'Start no earlier than this time (ISO 8601)' });
export const WebhookSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2048),
    events: z.array(z.enum(WEBHOOK_EVENTS)).max(WEBHOOK_EVENTS.length).optional(),
  })
  .openapi('WebhookTarget');
export const MetadataSchema = z
  .record(z.string().min(1).max(64), z.string().max(512))
  .refine((m) => Object.keys(m).length <= 16, 'at most 16 entries')
  .openapi({ description: 'Up to 16 string pairs (key ≤ 64, value ≤ 512 characters)' });

export const CreateTrainingJsonSchema = z
  .object({
    id: JobIdSchema.optional().openapi({
      description: 'Your job id; repeating it with the same request returns the same job',
    }),
    styleName: StyleNameSchema,
    baseModel: BaseModelSchema,
    styleRefBase64: z.string().min(1).openapi({
      description: 'The reference image (PNG, JPEG or WebP), base64; a data: URL prefix is accepted',
    }),
    params: ParamsSchema.optional(),
    priority: PrioritySchema.optional(),
    startAt: StartAtSchema.optional(),
    webhook: WebhookSchema.optional(),
    metadata: MetadataSchema.optional(),
  })
  .strict()
  .openapi('CreateTrainingJson');

/** A multipart field carrying JSON, validated by the same schema as its JSON counterpart. */
function jsonField<T extends z.ZodType>(schema: T, description: string) {
  return z
    .string()
    .max(64 * 1024)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema)
    .openapi({ type: 'string', description: `${description} (JSON text)` });
}

export const CreateTrainingFormSchema = z
  .object({
    image: z
      .instanceof(File)
      .openapi({ type: 'string', format: 'binary', description: 'The reference image (PNG, JPEG or WebP)' }),
    id: JobIdSchema.optional(),
    styleName: StyleNameSchema,
    baseModel: BaseModelSchema,
    params: jsonField(ParamsSchema, 'Trainer parameters').optional(),
    priority: z.coerce
      .number()
      .pipe(PrioritySchema)
      .optional()
      .openapi({ type: 'integer', minimum: MIN_PRIORITY, maximum: MAX_PRIORITY }),
    startAt: StartAtSchema.optional(),
    webhook: jsonField(WebhookSchema, 'Webhook target').optional(),
    metadata: jsonField(MetadataSchema, 'Metadata').optional(),
  })
  .strict()
  .openapi('CreateTrainingMultipart');
