/**
 * The one place where errors from below the HTTP layer (Hono's own exceptions,
 * Temporal client errors, gRPC status codes, storage errors) become API errors.
 * Anything not recognised here is a bug and is answered as a bare 500 by `onError`.
 */
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { FailureType } from '../../workflows/failures.ts';
import { HTTPException } from 'hono/http-exception';
import { JobServiceError, type JobServiceErrorKind } from '../jobs/job-service-error.ts';
import { InvalidStorageKeyError, StorageNotFoundError, StorageUnavailableError } from '../storage/types.ts';
import { ApiError, type ErrorCode } from './errors.ts';
import { rateLimitHeaders } from './rate-limit-headers.ts';

/** The job service's refusals, one problem code each. */
const JOB_SERVICE_CODES: Record<JobServiceErrorKind, ErrorCode> = {
  JobNotFound: 'not_found',
  PackNotFound: 'not_found',
  InvalidState: 'invalid_state',
  IdConflict: 'idempotency_conflict',
  UnknownBaseModel: 'unknown_base_model',
  InvalidInput: 'validation_failed',
  InvalidImage: 'invalid_image',
  ImageTooLarge: 'image_too_large',
  UnsupportedFormat: 'unsupported_format',
  WorkerUnavailable: 'worker_unavailable',
  TenantActiveLimit: 'tenant_active_limit',
  TenantRateLimited: 'tenant_rate_limited',
};

const HTTP_EXCEPTION_CODES: Record<number, ErrorCode> = {
  401: 'unauthorized',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

// gRPC status codes (stable numbers of the gRPC spec; grpc-js is not our direct dependency).
const grpcStatus = {
  CANCELLED: 1,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  UNAVAILABLE: 14,
} as const;
const UNAVAILABLE = new Set<number>([
  grpcStatus.UNAVAILABLE,
  grpcStatus.DEADLINE_EXCEEDED,
  grpcStatus.CANCELLED,
  grpcStatus.RESOURCE_EXHAUSTED,
]);

/** The gRPC status behind a Temporal client error, if there is one. */
function grpcCodeOf(err: unknown): number | undefined {
  if (isGrpcServiceError(err)) return err.code;
  if (err instanceof ServiceError && isGrpcServiceError(err.cause)) return err.cause.code;
  return undefined;
}

/** Maps a known error to an `ApiError`; returns null for errors that are bugs. */
export function toApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof JobServiceError) {
    return new ApiError(JOB_SERVICE_CODES[err.kind], err.message, {
      errors: err.fields,
      extra: err.facts,
      // A limit refusal: Retry-After and the RateLimit-* fields.
      headers: err.quota && rateLimitHeaders(err.quota),
    });
  }
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message))
      return new ApiError('invalid_json', 'the request body is not valid JSON');
    if (err.status === 400 && /formdata/i.test(err.message))
      return new ApiError('validation_failed', 'the multipart/form-data body is malformed');
    const code =
      HTTP_EXCEPTION_CODES[err.status] ??
      (err.status >= 400 && err.status < 500 ? 'validation_failed' : null);
    return code && new ApiError(code, err.message || code.replace(/_/g, ' '));
  }
  // "Not found" says nothing about whether the id exists for someone else (tenancy).
  if (
    err instanceof WorkflowNotFoundError ||
    err instanceof StorageNotFoundError ||
    err instanceof InvalidStorageKeyError
  ) {
    return new ApiError('not_found', 'no such job or file');
  }
  // Transient by definition (disk full or read-only, S3 5xx, refused, timed out). The
  // detail names the cause's code only: the full message may hold server paths or keys.
  if (err instanceof StorageUnavailableError) {
    return new ApiError(
      'storage_unavailable',
      `storage is unavailable right now (${err.code}); try again shortly`,
      { headers: { 'retry-after': '10' } },
    );
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError)
    return new ApiError('conflict', 'a job with this id already exists');
  if (err instanceof WorkflowUpdateFailedError) {
    const type = err.cause instanceof ApplicationFailure ? err.cause.type : null;
    return new ApiError(
      type === FailureType.InvalidInput ? 'validation_failed' : 'invalid_state',
      err.cause?.message ?? 'the job refused the change in its current state',
    );
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new ApiError(
      'worker_unavailable',
      'no worker accepted the change in time; it was not applied, try again',
    );
  }
  const code = grpcCodeOf(err);
  if (code === grpcStatus.NOT_FOUND) return new ApiError('not_found', 'no such job or file');
  if (code !== undefined && UNAVAILABLE.has(code)) {
    return new ApiError('temporal_unavailable', 'the workflow service is unreachable; try again shortly', {
      headers: { 'retry-after': '5' },
    });
  }
  return null;
}
