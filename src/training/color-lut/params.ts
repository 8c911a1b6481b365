/**
 * Parameters of the `color-lut` trainer: one strict zod schema (unknown keys are refused,
 * so a typo never silently falls back to a default), and a JSON description derived from
 * it for `GET /v1/base-models`, so the listing cannot drift from what is validated.
 */
import { z } from 'zod';
import { type ParameterDescription } from '../trainer.ts';
import { LUT_SIZES } from './lut-sizes.ts';

export { LUT_SIZES };

export const ColorLutParamsSchema = z.strictObject({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42)
    .describe(
      'Seed of the random rotations and loss projections; same image + same seed = byte-identical LUT.',
    ),
  iterations: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .describe('Maximum number of distribution-transfer iterations (each one is a random 3-D rotation).'),
  lutSize: z
    .literal(LUT_SIZES)
    .default(33)
    .describe('Lattice points per axis of the 3-D LUT (17, 33 or 65); larger is finer and slower.'),
  strength: z
    .number()
    .min(0)
    .max(1)
    .default(1)
    .describe('Blend of the learned grade with identity: 0 leaves colours unchanged, 1 applies it fully.'),
  smoothing: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe(
      'Blend toward a 3×3×3 blur of the colour displacement, against banding: 0 = none, 1 = fully blurred.',
    ),
  patience: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(10)
    .describe(
      'Stop early after this many consecutive iterations improving the best loss by less than 0.01 %.',
    ),
});

export type ColorLutParams = z.infer<typeof ColorLutParamsSchema>;

/** All parameters at their defaults. */
export const DEFAULT_COLOR_LUT_PARAMS: ColorLutParams = ColorLutParamsSchema.parse({});

interface JsonSchemaProperty {
  type?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
}

/** Name, type, default, bounds or allowed values and description of each parameter. */
export function describeColorLutParams(): ParameterDescription[] {
  const json = z.toJSONSchema(ColorLutParamsSchema, { io: 'input' }) as {
    properties: Record<string, JsonSchemaProperty>;
  };
  return Object.entries(json.properties).map(([name, p]) => {
    // JSON Schema types a literal union as "number"; its values here are all integers.
    const integer = p.type === 'integer' || (p.enum?.every((v) => Number.isInteger(v)) ?? false);
    const out: ParameterDescription = {
      name,
      type: integer ? 'integer' : 'number',
      description: p.description ?? '',
      default: p.default,
    };
    if (p.minimum !== undefined) out.minimum = p.minimum;
    if (p.maximum !== undefined) out.maximum = p.maximum;
    if (p.enum !== undefined) out.enum = [...p.enum];
    return out;
  });
}
