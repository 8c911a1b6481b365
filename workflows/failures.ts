/**
 * The one failure vocabulary of a job, shared by workflows, activities and the API.
 * Permanent failures are thrown as non-retryable `ApplicationFailure`s with one of these
 * types, so no retries are burned on input that can never succeed; the type becomes the
 * job's `error.code`. Sandbox-safe (workflow code imports it).
 */
import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  TerminatedFailure,
  TimeoutFailure,
} from '@temporalio/common';
import type { JobError } from './job-view.ts';

export const FailureType = {
  /** The workflow's input (or a message's) breaks the contract; names the bad fields. */
  InvalidInput: 'InvalidInput',
  /** A message the job's state does not allow (e.g. a priority change after it finished). */
  InvalidState: 'InvalidState',
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

/**
 * Types no retry policy retries (the activities' `nonRetryableErrorTypes`). Not
 * `StorageUnavailable`: it is retried until the storage retry cap, past which it is
 * thrown non-retryable (activities/storage-retry-cap.ts).
 */
export const PERMANENT_FAILURE_TYPES: readonly string[] = Object.values(FailureType).filter(
  (type) => type !== FailureType.StorageUnavailable,
);

/** The code of a job that failed without a typed cause. */
export const GENERIC_FAILURE = 'TrainingFailed';

export function permanentFailure(type: FailureType, message: string, details?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    details: details === undefined ? [] : [details],
  });
}

/** The innermost typed failure becomes the job's error; activity and child wrappers only add context. */
export function jobErrorOf(err: unknown): JobError {
  let cause: unknown = err;
  while ((cause instanceof ActivityFailure || cause instanceof ChildWorkflowFailure) && cause.cause)
    cause = cause.cause;
  if (cause instanceof ApplicationFailure)
    return { code: cause.type ?? GENERIC_FAILURE, message: cause.message };
  if (cause instanceof TerminatedFailure)
    return { code: 'Terminated', message: cause.message || 'the job was terminated by an operator' };
  if (cause instanceof TimeoutFailure)
    return { code: 'TimedOut', message: cause.message || 'the job timed out' };
  if (cause instanceof Error) return { code: GENERIC_FAILURE, message: cause.message };
  return { code: GENERIC_FAILURE, message: String(cause) };
}
