/**
 * The one mapping from errors below HTTP to API errors: every source it knows gets its
 * code and status; anything else is a bug, which onError answers as `internal_error`.
 */
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../../src/http/error-mapping.ts';
import { ApiError, ERROR_STATUS, type ErrorCode } from '../../src/http/errors.ts';
import {
  InvalidStorageKeyError,
  StorageCorruptError,
  StorageNotFoundError,
  StorageUnavailableError,
} from '../../src/storage/types.ts';
import { JobServiceError } from '../../src/jobs/job-service-error.ts';

/** What onError answers: the mapped code, or internal_error for what the mapping does not know. */
const answerTo = (err: unknown) => {
  const code: ErrorCode = toApiError(err)?.code ?? 'internal_error';
  return { code, status: ERROR_STATUS[code] };
};

/** A gRPC status error as @grpc/grpc-js raises it (code, details, metadata). */
const grpc = (code: number) =>
  Object.assign(new Error(`${code} grpc status`), { code, details: 'from the server', metadata: {} });

const cases: Array<[source: string, code: ErrorCode, status: number, error: unknown]> = [
  ['an ApiError', 'idempotency_conflict', 409, new ApiError('idempotency_conflict', 'x')],
  [
    "Hono's bad JSON",
    'invalid_json',
    400,
    new HTTPException(400, { message: 'Malformed JSON in request body' }),
  ],
  [
    "Hono's bad multipart body",
    'validation_failed',
    400,
    new HTTPException(400, { message: 'Malformed FormData request.' }),
  ],
  ['HTTP 401', 'unauthorized', 401, new HTTPException(401, { message: 'no key' })],
  ['HTTP 404', 'not_found', 404, new HTTPException(404)],
  ['HTTP 405', 'method_not_allowed', 405, new HTTPException(405)],
  ['HTTP 413', 'payload_too_large', 413, new HTTPException(413)],
  ['HTTP 415', 'unsupported_media_type', 415, new HTTPException(415)],
  ['any other HTTP 4xx', 'validation_failed', 400, new HTTPException(422, { message: 'bad' })],
  ['an HTTP 5xx', 'internal_error', 500, new HTTPException(502)],
  ['a missing workflow', 'not_found', 404, new WorkflowNotFoundError('gone', 'training-x', undefined)],
  ['a missing stored file', 'not_found', 404, new StorageNotFoundError('gone')],
  ['an unsafe storage key', 'not_found', 404, new InvalidStorageKeyError('../x')],
  [
    'a workflow id taken',
    'conflict',
    409,
    new WorkflowExecutionAlreadyStartedError('taken', 'training-x', 'styleTrainingWorkflow'),
  ],
  [
    'an update the workflow refused',
    'invalid_state',
    409,
    new WorkflowUpdateFailedError('refused', new Error('already finished')),
  ],
  [
    'an update no worker took',
    'worker_unavailable',
    503,
    new WorkflowUpdateRPCTimeoutOrCancelledError('timed out'),
  ],
  [
    "a tenant's full cap",
    'tenant_active_limit',
    429,
    new JobServiceError('TenantActiveLimit', 'full', { quota: { retryAfterSeconds: 30 } }),
  ],
  [
    "a tenant's empty bucket",
    'tenant_rate_limited',
    429,
    new JobServiceError('TenantRateLimited', 'slow down', { quota: { retryAfterSeconds: 6 } }),
  ],
  ['gRPC NOT_FOUND', 'not_found', 404, grpc(5)],
  ['gRPC UNAVAILABLE', 'temporal_unavailable', 503, grpc(14)],
  ['gRPC DEADLINE_EXCEEDED', 'temporal_unavailable', 503, grpc(4)],
  ['gRPC CANCELLED', 'temporal_unavailable', 503, grpc(1)],
  ['gRPC RESOURCE_EXHAUSTED', 'temporal_unavailable', 503, grpc(8)],
  [
    'a ServiceError over gRPC UNAVAILABLE',
    'temporal_unavailable',
    503,
    new ServiceError('down', { cause: grpc(14) }),
  ],
  [
    'storage full or read-only',
    'storage_unavailable',
    503,
    new StorageUnavailableError("EROFS: read-only file system, open '/data/tenants/t/blobs/.tmp-1'", 'EROFS'),
  ],
  [
    'S3 refusing connections',
    'storage_unavailable',
    503,
    new StorageUnavailableError('S3 PUT k failed: ECONNREFUSED: connect', 'ECONNREFUSED'),
  ],
  ['corrupt storage (a bug or damage, not a retry)', 'internal_error', 500, new StorageCorruptError('bad')],
  ['any other gRPC status (INVALID_ARGUMENT)', 'internal_error', 500, grpc(3)],
  ['a ServiceError without a gRPC cause', 'internal_error', 500, new ServiceError('odd')],
  ['a plain Error', 'internal_error', 500, new Error('bug')],
  ['a TypeError', 'internal_error', 500, new TypeError('x is undefined')],
  ['a thrown string', 'internal_error', 500, 'oops'],
  ['undefined', 'internal_error', 500, undefined],
];

describe('toApiError', () => {
  it.each(cases)('%s → %s %i', (_source, code, status, error) => {
    expect(answerTo(error)).toEqual({ code, status });
  });

  it('passes an ApiError through as it is', () => {
    const err = new ApiError('conflict', 'taken', { extra: { id: 'x' } });
    expect(toApiError(err)).toBe(err);
  });

  it("names the workflow's own reason when it refuses an update", () => {
    const err = new WorkflowUpdateFailedError('refused', new Error('the job has already finished'));
    expect(toApiError(err)?.message).toBe('the job has already finished');
  });

  it('tells clients when to retry while Temporal is unreachable', () => {
    expect(toApiError(grpc(14))?.options.headers).toEqual({ 'retry-after': '5' });
  });

  it('sends Retry-After and the RateLimit fields (draft-06) with a limit refusal, not in its body', () => {
    const rate = { limit: 3, remaining: 0, resetSeconds: 18, windowSeconds: 18 };
    const err = toApiError(
      new JobServiceError('TenantRateLimited', 'slow down', { quota: { rate, retryAfterSeconds: 6 } }),
    );
    expect(err?.options.headers).toEqual({
      'retry-after': '6',
      'ratelimit-limit': '3',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '18',
      'ratelimit-policy': '3;w=18',
    });
    expect(err?.options.extra).toEqual({});
  });

  it('tells clients when to retry while storage is unavailable, and names the cause without server paths', () => {
    const err = new StorageUnavailableError(
      "ENOSPC: no space left on device, write '/data/tenants/t/blobs/.tmp-1'",
      'ENOSPC',
    );
    const api = toApiError(err);
    expect(api?.options.headers).toEqual({ 'retry-after': '10' });
    expect(api?.message).toContain('ENOSPC');
    expect(api?.message).not.toContain('/data');
  });

  it('answers a missing job and a missing file alike (tenancy: no hint that an id exists elsewhere)', () => {
    const job = toApiError(new WorkflowNotFoundError('gone', 'training-x', undefined));
    const file = toApiError(new StorageNotFoundError('gone'));
    expect(job?.message).toBe(file?.message);
  });
});
