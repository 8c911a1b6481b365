/**
 * Bounds the retries of a training job whose storage keeps failing (ENOSPC, EROFS, an S3
 * outage): the training activity's own retry policy is bounded only in time (7 days), so
 * the count of storage failures in a row travels in the heartbeat details. Core attaches
 * an attempt's last details to its failure and the next attempt reads them
 * (`activityInfo().heartbeatDetails`); a crash or any other failure leaves the count as
 * it was, and a checkpoint written successfully resets it to zero.
 */
import { ApplicationFailure } from '@temporalio/common';
import { FailureType, permanentFailure } from './errors.ts';
import { isRetryableStorageFailure } from './storage-failure.ts';

/** The count carried over from the previous attempt of this activity (0 on its first). */
export function storageFailuresSoFar(heartbeatDetails: unknown): number {
  const n = (heartbeatDetails as { storageFailures?: unknown } | undefined)?.storageFailures;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

/**
 * Storage gets time to come back: 1 s, 2 s, 4 s … (at most a minute) after the 1st, 2nd,
 * 3rd … failure in a row. The retry policy's own first interval is 0.2 s, meant for a
 * lost worker (the job should run again at once), not for a full disk.
 */
export function storageRetryDelayMs(count: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.min(count - 1, 6));
}

/**
 * What to throw for `err` after `failures` storage failures in a row: `err` itself (with
 * its retry delayed by `storageRetryDelayMs`), or, once the cap is passed, a
 * non-retryable `StorageUnavailable` carrying the same cause. `record(count)` is given
 * the new count first, to heartbeat it.
 */
export function capStorageFailure(
  err: unknown,
  failures: number,
  maxRetries: number,
  record: (count: number) => void,
): unknown {
  if (!isRetryableStorageFailure(err)) return err;
  const count = failures + 1;
  record(count);
  if (count <= maxRetries) {
    return new ApplicationFailure(
      err.message,
      err.type,
      false,
      err.details as unknown[] | undefined,
      err.cause,
      storageRetryDelayMs(count),
    );
  }
  return permanentFailure(
    FailureType.StorageUnavailable,
    `storage failed ${count} times in a row, giving up (ATELIER_STORAGE_MAX_RETRIES=${maxRetries}); last: ${err.message}`,
  );
}
