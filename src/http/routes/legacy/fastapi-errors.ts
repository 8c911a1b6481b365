/**
 * Old-API refusals in FastAPI's shapes instead of problem+json: field problems (ours,
 * like an image that does not decode, or pydantic's own) as a 422 with a `detail`
 * list, everything else (401, 409, 413, 503) as `{"detail": "<message>"}`. A
 * middleware, so refusals raised before the route (authentication, the body limit,
 * Temporal unreachable) are converted too.
 */
import { createMiddleware } from 'hono/factory';
import { type AppEnv } from '../../app-types.ts';
import { type ErrorCode } from '../../errors.ts';
import { pydantic, type PydanticError } from './pydantic-errors.ts';

/** Problem codes that mean "this field is not acceptable": a 422 like pydantic's. */
const FIELD_CODES = new Set<ErrorCode>([
  'validation_failed',
  'invalid_json',
  'invalid_image',
  'unsupported_format',
  'image_too_large',
  'unknown_base_model',
]);

interface Problem {
  code: ErrorCode;
  detail: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}

export function validationResponse(errors: PydanticError[]): Response {
  return Response.json({ detail: errors }, { status: 422 });
}

export const fastApiErrors = createMiddleware<AppEnv>(async function fastApiErrors(c, next) {
  await next();
  if (!c.res.headers.get('content-type')?.startsWith('application/problem+json')) return;
  const problem = (await c.res.clone().json()) as Problem;
  const headers = new Headers(c.res.headers);
  headers.set('content-type', 'application/json');
  headers.delete('content-length');
  if (FIELD_CODES.has(problem.code)) {
    const fields = problem.errors?.length ? problem.errors : [{ field: '', message: problem.detail }];
    const detail = fields.map((f) => pydantic.valueError(f.field, null, f.message));
    c.res = new Response(JSON.stringify({ detail, code: problem.code, requestId: problem.requestId }), {
      status: 422,
      headers,
    });
    return;
  }
  // FastAPI's own wording where it had one (clients may compare it).
  const detail = problem.code === 'method_not_allowed' ? 'Method Not Allowed' : problem.detail;
  const body = { detail, code: problem.code, requestId: problem.requestId };
  c.res = new Response(JSON.stringify(body), { status: c.res.status, headers });
});
