/** Request and response bodies of `/v1/packs`. */
import { z } from '@hono/zod-openapi';
import * as contract from '../../../../workflows/contract-schemas.ts';
import { httpSchemaOf } from '../../schemas/contract-schema.ts';
import { JobSchema } from '../../schemas/job.ts';
import {
  BaseModelSchema,
  ParamsSchema,
  PrioritySchema,
  StyleNameSchema,
} from '../trainings/create-schemas.ts';

export const PackIdSchema = httpSchemaOf(contract.PackIdSchema).openapi({
  description: 'Pack id: 1–60 of A–Z a–z 0–9 _ - (its jobs are `<id>.1`, `<id>.2`, …)',
  example: 'autumn-set',
});

export const PackIdParamsSchema = z.object({
  id: PackIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

export const CreatePackSchema = z
  .object({
    id: PackIdSchema.optional(),
    styles: z
      .array(
        z
          .object({
            styleName: StyleNameSchema,
            baseModel: BaseModelSchema.default('color-lut'),
            styleRefBase64: z
              .string()
              .min(1)
              .openapi({ description: 'Reference image (PNG, JPEG or WebP), base64' }),
            params: ParamsSchema.optional(),
          })
          .strict(),
      )
      .min(1)
      .max(contract.MAX_PACK_STYLES),
    maxParallel: z
      .number()
      .int()
      .min(1)
      .max(8)
      .default(2)
      .openapi({ description: 'How many styles train at once' }),
    priority: PrioritySchema.default(contract.DEFAULT_PRIORITY),
  })
  .strict()
  .openapi('CreatePack');

export const PackSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'paused', 'succeeded', 'partially_failed', 'failed', 'cancelled']),
    percent: z.number(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    styles: z.array(JobSchema).openapi({ description: 'One training job per style, in order, once started' }),
  })
  .openapi('Pack');
