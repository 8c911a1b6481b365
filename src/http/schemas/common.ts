/** Schemas shared by every resource: problem details, the job id path parameter, error responses. */
import { z } from '@hono/zod-openapi';
import { CLIENT_JOB_ID_PATTERN, JOB_ID_PATTERN } from '../../../workflows/job-identity.ts';
import { ERROR_STATUS, type ErrorCode } from '../errors.ts';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z
      .enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]])
      .openapi({ description: 'Stable machine-readable error code' }),
    detail: z.string(),
    requestId: z.string(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'One entry per invalid field' }),
  })
  .catchall(z.unknown())
  .openapi('Problem', { description: 'RFC 9457 problem details' });

/** A job id in a path: a client's own, or a pack style's `<packId>.<n>`. */
export const JobIdSchema = z.string().regex(JOB_ID_PATTERN).openapi({
  description: "Job id: 1–64 of A–Z a–z 0–9 _ -, or a pack style's `<packId>.<n>`",
  example: 'ukiyo-001',
});

/** An id a client may choose for a new job (the '.' is reserved for pack styles). */
export const ClientJobIdSchema = z
  .string()
  .regex(CLIENT_JOB_ID_PATTERN)
  .openapi({ description: 'Job id: 1–64 of A–Z a–z 0–9 _ -', example: 'ukiyo-001' });

export const JobIdParamsSchema = z.object({
  id: JobIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (each bad field is listed)',
  401: 'Missing or invalid API key',
  404: 'No such job (or it belongs to another tenant)',
  409: 'Conflict with the current state or an earlier request',
  413: 'Body or image too large',
  415: 'Unsupported media type or image format',
  422: 'Well-formed but unusable (image, base model)',
  429: "The tenant's active-job cap (`tenant_active_limit`) or submission rate (`tenant_rate_limited`) is reached; retry after `Retry-After` seconds",
  503: 'Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds',
};

/** Problem responses for the given statuses, for a route's `responses` (a 429 with its headers). */
export function problems<S extends keyof typeof DESCRIPTIONS & number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: DESCRIPTIONS[s],
        ...(s === 429 ? { headers: TOO_MANY_REQUESTS_HEADERS } : {}),
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as Record<
    S,
    { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }
  >;
}

export const BEARER_SECURITY = [{ bearerAuth: [] }];

const integerHeader = (description: string) => ({
  description,
  schema: { type: 'integer' as const, minimum: 0 },
});

/**
 * The rate fields of submission responses (draft-ietf-httpapi-ratelimit-headers-06; see
 * src/http/rate-limit-headers.ts), sent when ATELIER_TENANT_RATE is set and the key is not an admin's.
 */
export const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': integerHeader("The tenant's burst: submissions allowed at once"),
  'RateLimit-Remaining': integerHeader('Submissions left right now'),
  'RateLimit-Reset': integerHeader('Seconds until the full burst is available again'),
  'RateLimit-Policy': {
    description: '`<burst>;w=<seconds to refill it>`',
    schema: { type: 'string' as const, example: '10;w=60' },
  },
};

/** Headers of a 429: when to retry, and the rate fields (when a rate is set). */
export const TOO_MANY_REQUESTS_HEADERS = {
  'Retry-After': integerHeader('Seconds to wait before submitting again'),
  ...RATE_LIMIT_HEADERS,
};
