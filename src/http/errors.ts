/**
 * The closed set of API error codes, their HTTP status, and the RFC 9457
 * problem+json body. Every error response goes through `problemResponse`.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_image: 422,
  unsupported_format: 415,
  image_too_large: 413,
  unknown_base_model: 422,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_conflict: 409,
  invalid_state: 409,
  rate_limited: 429,
  /** The tenant's queued + running jobs are at ATELIER_TENANT_MAX_ACTIVE. */
  tenant_active_limit: 429,
  /** The tenant submits faster than ATELIER_TENANT_RATE. */
  tenant_rate_limited: 429,
  /** Answered by the HTTP server itself (see client-errors.ts). */
  request_header_too_large: 431,
  malformed_request: 400,
  not_ready: 503,
  temporal_unavailable: 503,
  /** Temporal is up but no worker took the request in time (e.g. a priority update). */
  worker_unavailable: 503,
  /** Storage cannot be written or read right now (disk full or read-only, S3 down). */
  storage_unavailable: 503,
  internal_error: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemOptions {
  /** Per-field validation errors. */
  errors?: FieldError[];
  /** Extra members of the problem object (e.g. `validBaseModels`). */
  extra?: Record<string, unknown>;
  /** Extra response headers (e.g. `WWW-Authenticate`, `Connection: close`). */
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: ProblemOptions = {},
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  validation_failed: 'Request validation failed',
  not_found: 'Not found',
  unauthorized: 'Authentication required',
  internal_error: 'Internal error',
  tenant_active_limit: 'Too many active jobs',
  tenant_rate_limited: 'Too many submissions',
};

export function problemBody(
  code: ErrorCode,
  detail: string,
  requestId: string,
  options: ProblemOptions = {},
) {
  // Extra members come first so that none can override a standard one (RFC 9457's
  // `status` is always the HTTP status, never a job's status).
  return {
    ...options.extra,
    type: `https://atelier.dev/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[code] ?? code.replace(/_/g, ' '),
    status: ERROR_STATUS[code],
    code,
    detail,
    requestId,
    ...(options.errors && options.errors.length ? { errors: options.errors } : {}),
  };
}

export function problemResponse(
  code: ErrorCode,
  detail: string,
  requestId: string,
  options: ProblemOptions = {},
): Response {
  return new Response(JSON.stringify(problemBody(code, detail, requestId, options)), {
    status: ERROR_STATUS[code],
    headers: { ...options.headers, 'content-type': 'application/problem+json', 'x-request-id': requestId },
  });
}
