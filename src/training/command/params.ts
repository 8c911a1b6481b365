/**
 * Parameters of a command trainer, declared in the trainers file. The declaration is
 * the single source: it is listed by `GET /v1/base-models` and compiled into a strict
 * zod schema (unknown keys refused, as for the built-in trainer, so a typo never falls
 * back to a default silently).
 */
import { z } from 'zod';
import { InvalidParamsError, type ParameterDescription } from '../trainer.ts';

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const ParameterSpecSchema = z.strictObject({
  name: z.string().regex(PARAM_NAME, `must match ${PARAM_NAME.source}`),
  type: z.enum(['integer', 'number', 'string', 'boolean']),
  description: z.string().default(''),
  default: scalar.optional(),
  /** Without a default: must the caller give it? (Otherwise it is simply absent.) */
  required: z.boolean().default(false),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  enum: z.array(scalar).min(1).optional(),
});

export type ParameterSpec = z.infer<typeof ParameterSpecSchema>;

/** The value schema of one parameter, without its default. */
function valueSchema(p: ParameterSpec): z.ZodType {
  let s: z.ZodType;
  if (p.type === 'integer' || p.type === 'number') {
    let n = p.type === 'integer' ? z.number().int() : z.number();
    if (p.minimum !== undefined) n = n.min(p.minimum);
    if (p.maximum !== undefined) n = n.max(p.maximum);
    s = n;
  } else {
    s = p.type === 'string' ? z.string() : z.boolean();
  }
  const allowed = p.enum;
  if (allowed)
    s = s.refine(
      (v) => allowed.includes(v as string),
      `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
    );
  return s;
}

/** Declaration problems the schema alone cannot see; paths are relative to the parameters array. */
export function checkParameterSpecs(
  specs: ParameterSpec[],
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  specs.forEach((p, i) => {
    if (seen.has(p.name)) issues.push({ path: [i, 'name'], message: `duplicate parameter "${p.name}"` });
    seen.add(p.name);
    const numeric = p.type === 'integer' || p.type === 'number';
    if (!numeric && (p.minimum !== undefined || p.maximum !== undefined)) {
      issues.push({ path: [i], message: `minimum/maximum apply to numeric parameters only` });
    }
    if (p.minimum !== undefined && p.maximum !== undefined && p.minimum > p.maximum) {
      issues.push({ path: [i, 'minimum'], message: 'minimum is greater than maximum' });
    }
    const bare = valueSchema({ ...p, enum: undefined });
    p.enum?.forEach((v, j) => {
      if (!bare.safeParse(v).success)
        issues.push({ path: [i, 'enum', j], message: `${JSON.stringify(v)} is not a valid ${p.type} here` });
    });
    if (p.default !== undefined && !valueSchema(p).safeParse(p.default).success) {
      issues.push({
        path: [i, 'default'],
        message: `${JSON.stringify(p.default)} does not satisfy the parameter's own type and bounds`,
      });
    }
    if (p.default !== undefined && p.required)
      issues.push({ path: [i, 'required'], message: 'a parameter with a default cannot be required' });
  });
  return issues;
}

export function buildParamsSchema(specs: ParameterSpec[]): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const p of specs) {
    const v = valueSchema(p);
    shape[p.name] = p.default !== undefined ? v.default(p.default) : p.required ? v : v.optional();
  }
  return z.strictObject(shape) as unknown as z.ZodType<Record<string, unknown>>;
}

/** Validates and fills defaults; throws `InvalidParamsError` naming each bad field. */
export function parseParamsWith(
  schema: z.ZodType<Record<string, unknown>>,
  trainer: string,
  raw: Record<string, unknown>,
): Record<string, unknown> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ field: k, message: 'unknown parameter' }))
      : [{ field: i.path.map(String).join('.') || '(params)', message: i.message }],
  );
  throw new InvalidParamsError(
    `invalid parameters for ${trainer}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
    fields,
  );
}

export function describeParameters(specs: ParameterSpec[]): ParameterDescription[] {
  return specs.map((p) => {
    const d: ParameterDescription = { name: p.name, type: p.type, description: p.description };
    if (p.default !== undefined) d.default = p.default;
    if (p.minimum !== undefined) d.minimum = p.minimum;
    if (p.maximum !== undefined) d.maximum = p.maximum;
    if (p.enum !== undefined) d.enum = [...p.enum];
    return d;
  });
}
