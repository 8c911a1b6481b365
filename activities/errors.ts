/**
 * The closed vocabulary of permanent activity failures. Each is thrown as a
 * non-retryable `ApplicationFailure` with one of these types, so no retries are
 * burned on input that can never succeed; the API maps them to error codes.
 * Retryable storage failures carry `StorageUnavailable` or `StaleWriter`
 * (storage-failure.ts).
 */
import { ApplicationFailure } from '@temporalio/common';

export const FailureType = {
  InvalidImage: 'InvalidImage',
  ImageTooLarge: 'ImageTooLarge',
  UnsupportedFormat: 'UnsupportedFormat',
  InvalidParams: 'InvalidParams',
  UnknownBaseModel: 'UnknownBaseModel',
  TrainerBadInput: 'TrainerBadInput',
  BlobMissing: 'BlobMissing',
  /** The job's final training state is gone (publishing cannot redo training). */
  CheckpointMissing: 'CheckpointMissing',
  /** Stored data the job needs is damaged (its bytes no longer match their record). */
  StorageCorrupt: 'StorageCorrupt',
  /** An id or name that may not become a storage key. */
  InvalidStorageKey: 'InvalidStorageKey',
  /** An artifact already published with other bytes (artifacts are immutable). */
  ArtifactConflict: 'ArtifactConflict',
  /** Storage kept failing (I/O, full, read-only, S3 5xx/throttling) past the retry cap; retryable before that. */
  StorageUnavailable: 'StorageUnavailable',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

export function permanentFailure(type: FailureType, message: string, details?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    details: details === undefined ? [] : [details],
  });
}
