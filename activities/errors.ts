/**
 * The closed vocabulary of permanent activity failures. Each is thrown as a
 * non-retryable `ApplicationFailure` with one of these types, so no retries are
 * burned on input that can never succeed; the API maps them to error codes.
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
