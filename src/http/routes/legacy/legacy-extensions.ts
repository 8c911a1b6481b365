/**
 * The two fields the old API gained here (`params`, `priority`): pydantic ignored
 * unknown fields, so old clients never send them; new ones are checked with the v1
 * schemas and refused the pydantic way.
 */
import { ParamsSchema, PrioritySchema } from '../../../../workflows/contract-schemas.ts';
import { type Parsed } from './legacy-body.ts';
import { pydantic, type PydanticError } from './pydantic-errors.ts';

export function legacyExtensions(b: {
  params?: unknown;
  priority?: unknown;
}): Parsed<{ params?: Record<string, unknown>; priority?: number }> {
  const errors: PydanticError[] = [];
  const params = b.params === undefined ? undefined : ParamsSchema.safeParse(b.params);
  const priority = b.priority === undefined ? undefined : PrioritySchema.safeParse(b.priority);
  if (params && !params.success)
    errors.push(pydantic.valueError('params', b.params, params.error.issues[0].message));
  if (priority && !priority.success)
    errors.push(pydantic.valueError('priority', b.priority, priority.error.issues[0].message));
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { params: params?.data, priority: priority?.data } };
}
