/**
 * S3 failures in the storage vocabulary. Absent objects are answered by the callers
 * (null/false), a failed precondition is a lost compare-and-swap; everything else —
 * 5xx, throttling, timeouts, network, and also refused credentials or a missing bucket,
 * which an operator fixes without the job changing — is a transient
 * `StorageUnavailableError` that names the operation, the key and the cause.
 */
import { StorageError, StorageUnavailableError } from './storage-errors.ts';

interface SdkError extends Error {
  $metadata?: { httpStatusCode?: number };
  code?: string;
  Code?: string;
}

const asSdk = (err: unknown): SdkError | null => (err instanceof Error ? (err as SdkError) : null);

export function statusOf(err: unknown): number | undefined {
  return asSdk(err)?.$metadata?.httpStatusCode;
}

export function isNotFound(err: unknown): boolean {
  const e = asSdk(err);
  return (
    e !== null &&
    (e.name === 'NoSuchKey' || e.name === 'NotFound' || statusOf(err) === 404) &&
    e.name !== 'NoSuchBucket'
  );
}

/** 412 is a failed If-Match/If-None-Match; AWS answers 409 when a concurrent conditional write won. */
export function isPreconditionFailed(err: unknown): boolean {
  const status = statusOf(err);
  return status === 412 || (status === 409 && asSdk(err)?.name === 'ConditionalRequestConflict');
}

export function s3Failure(err: unknown, operation: string, key: string): unknown {
  if (err instanceof StorageError) return err;
  const e = asSdk(err);
  if (!e) return err;
  const where = `S3 ${operation} ${key}`;
  const status = statusOf(err);
  if (e.name === 'AbortError' || e.name === 'TimeoutError') {
    return new StorageUnavailableError(`${where} timed out: ${e.message}`, 'ETIMEDOUT', { cause: err });
  }
  if (status === undefined) {
    // No HTTP answer at all: connection refused or reset, DNS, TLS.
    const code = e.code ?? e.name;
    return new StorageUnavailableError(`${where} failed: ${code}: ${e.message}`, code, { cause: err });
  }
  const code = e.Code ?? e.name;
  return new StorageUnavailableError(`${where} failed: HTTP ${status} ${code}: ${e.message}`, code, {
    cause: err,
  });
}
