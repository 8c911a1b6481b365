/** Which failed attempts report themselves as retried: only those the server will retry. */
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { willRetry } from '../../activities/retry-report.ts';

const policy = { maximumAttempts: 5, nonRetryableErrorTypes: ['BlobMissing'] };
const unavailable = ApplicationFailure.retryable('ENOSPC: no space left on device', 'StorageUnavailable');

describe('willRetry', () => {
  const cases: Array<[string, unknown, number, object | undefined, boolean]> = [
    ['a retryable storage failure', unavailable, 1, policy, true],
    ['any plain error (a bug, an I/O error)', new Error('boom'), 2, policy, true],
    ['the last allowed attempt', unavailable, 5, policy, false],
    ['no attempt limit (training)', unavailable, 40, { maximumAttempts: 0 }, true],
    ['no retry policy known', unavailable, 3, undefined, true],
    ['non-retryable', ApplicationFailure.nonRetryable('gone', 'StorageUnavailable'), 1, policy, false],
    [
      'a type the policy never retries',
      ApplicationFailure.retryable('gone', 'BlobMissing'),
      1,
      policy,
      false,
    ],
    ['a superseded attempt', ApplicationFailure.retryable('stale', 'StaleWriter'), 1, policy, false],
    ['a cancellation (pause, cancel)', new CancelledFailure('CANCELLED'), 1, policy, false],
  ];
  it.each(cases)('%s → %s', (_name, err, attempt, retryPolicy, expected) => {
    expect(willRetry(err, { attempt, retryPolicy })).toBe(expected);
  });
});
