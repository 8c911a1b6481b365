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
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

/** Types no retry policy retries (the activities' `nonRetryableErrorTypes`). */
export const PERMANENT_FAILURE_TYPES: readonly string[] = Object.values(FailureType);

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
