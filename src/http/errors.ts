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
  not_ready: 503,
  temporal_unavailable: 503,
  internal_error: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
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
};

export function problemBody(code: ErrorCode, detail: string, requestId: string, errors?: FieldError[], extra?: Record<string, unknown>) {
  return {
    type: `https://atelier.dev/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[code] ?? code.replace(/_/g, ' '),
    status: ERROR_STATUS[code],
    code,
    detail,
    requestId,
    ...(errors && errors.length ? { errors } : {}),
    ...extra,
  };
}

export function problemResponse(code: ErrorCode, detail: string, requestId: string, errors?: FieldError[], extra?: Record<string, unknown>): Response {
  return new Response(JSON.stringify(problemBody(code, detail, requestId, errors, extra)), {
    status: ERROR_STATUS[code],
    headers: { 'content-type': 'application/problem+json', 'x-request-id': requestId },
  });
}
