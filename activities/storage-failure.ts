/**
 * Every storage error an activity meets, classified once: what can never get better
 * (missing or damaged data the job needs, an invalid key, an artifact conflict) fails
 * the job at once with its type; what may pass (I/O, disk full, read-only, S3 5xx or
 * throttling, timeouts) is retried with `StorageUnavailable` and the cause in the
 * message, so the retry, the job's error and the event log all say what happened.
 */
import { ApplicationFailure } from '@temporalio/common';
import {
  ArtifactConflictError,
  InvalidStorageKeyError,
  isStorageError,
  StaleWriterError,
  StorageCorruptError,
  StorageNotFoundError,
} from '../src/storage/types.ts';
import { FailureType, permanentFailure } from './errors.ts';

/** Retryable type for an attempt that a newer one has superseded; the server discards its outcome anyway. */
export const STALE_WRITER = 'StaleWriter';

/**
 * The activity failure for `err`; anything that is not a storage error (a cancellation,
 * a bug) is returned unchanged. `what` says what was being done, e.g. "reading the image".
 */
export function storageFailure(
  err: unknown,
  what: string,
  notFound: FailureType = FailureType.BlobMissing,
): unknown {
  if (!isStorageError(err)) return err;
  const message = `${what}: ${err.message}`;
  if (err instanceof StorageNotFoundError) return permanentFailure(notFound, message);
  if (err instanceof StorageCorruptError) return permanentFailure(FailureType.StorageCorrupt, message);
  if (err instanceof InvalidStorageKeyError) return permanentFailure(FailureType.InvalidStorageKey, message);
  if (err instanceof ArtifactConflictError) return permanentFailure(FailureType.ArtifactConflict, message);
  const type = err instanceof StaleWriterError ? STALE_WRITER : FailureType.StorageUnavailable;
  return ApplicationFailure.create({ type, message, nonRetryable: false, cause: err });
}

/** True for the retryable storage failures that count toward the storage retry cap. */
export const isRetryableStorageFailure = (f: unknown): f is ApplicationFailure =>
  f instanceof ApplicationFailure &&
  !f.nonRetryable &&
  (f.type === FailureType.StorageUnavailable || f.type === STALE_WRITER);

/** Runs one storage step of an activity with its failures classified. */
export async function withStorage<T>(
  what: string,
  step: () => Promise<T>,
  notFound?: FailureType,
): Promise<T> {
  try {
    return await step();
  } catch (err) {
    throw storageFailure(err, what, notFound);
  }
}
