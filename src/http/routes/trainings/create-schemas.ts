/**
 * Request bodies of `POST /v1/trainings`: JSON (image as base64, like the old API) or
 * multipart (image as a file part; structured fields as JSON strings). Limits keep the
 * workflow input small and the Temporal UI readable.
 */
import { z } from '@hono/zod-openapi';
import * as contract from '../../../../workflows/contract-schemas.ts';
import { httpSchemaOf } from '../../schemas/contract-schema.ts';
import { ClientJobIdSchema } from '../../schemas/common.ts';

// The workflow's own schemas (the same checks run again when the workflow starts),
// with the descriptions and examples of the HTTP document.
export const StyleNameSchema = httpSchemaOf(contract.StyleNameSchema).openapi({
  example: 'Ukiyo',
  description: '1–200 characters; no control or format characters (checked, not expressed as a pattern)',
});
export const BaseModelSchema = httpSchemaOf(contract.BaseModelSchema).openapi({
  example: 'color-lut',
  description: 'A trainer name from GET /v1/base-models',
});
export const ParamsSchema = httpSchemaOf(contract.ParamsSchema).openapi({
  example: { iterations: 100, lutSize: 33 },
  description: 'Trainer parameters (see GET /v1/base-models)',
});
export const PrioritySchema = httpSchemaOf(contract.PrioritySchema).openapi({
  description: '1 (highest) to 5 (lowest)',
  example: 3,
});
export const StartAtSchema = z.iso
  .datetime({ offset: true })
  .openapi({ description: 'Start no earlier than this time (ISO 8601)' });
export const WebhookSchema = httpSchemaOf(contract.WebhookTargetSchema).openapi('WebhookTarget');
export const MetadataSchema = httpSchemaOf(contract.MetadataSchema).openapi({
  description: 'Up to 16 string pairs (key 1–64, value ≤ 512 characters; no control or format characters)',
});

export const CreateTrainingJsonSchema = z
  .object({
    id: ClientJobIdSchema.optional().openapi({
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
    id: ClientJobIdSchema.optional(),
    styleName: StyleNameSchema,
    baseModel: BaseModelSchema,
    params: jsonField(ParamsSchema, 'Trainer parameters').optional(),
    priority: z.coerce
      .number()
      .pipe(PrioritySchema)
      .optional()
      .openapi({ type: 'integer', minimum: contract.MIN_PRIORITY, maximum: contract.MAX_PRIORITY }),
    startAt: StartAtSchema.optional(),
    webhook: jsonField(WebhookSchema, 'Webhook target').optional(),
    metadata: jsonField(MetadataSchema, 'Metadata').optional(),
  })
  .strict()
  .openapi('CreateTrainingMultipart');
