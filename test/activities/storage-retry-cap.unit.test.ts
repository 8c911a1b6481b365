/**
 * A training attempt that failed on storage: retried after a growing delay of its own
 * (the retry policy's 0.2 s is for a lost worker), and given up once the cap is passed.
 */
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { capStorageFailure, storageRetryDelayMs } from '../../activities/storage-retry-cap.ts';
import { storageFailure } from '../../activities/storage-failure.ts';
import { StorageUnavailableError } from '../../src/storage/types.ts';

const full = () =>
  storageFailure(
    new StorageUnavailableError('ENOSPC: no space left on device, write', 'ENOSPC'),
    'writing checkpoint 3',
  );

describe('capStorageFailure', () => {
  it('delays the retry of a storage failure by 1 s, 2 s, 4 s … after failures in a row', () => {
    const delays = [0, 1, 2].map((before) => {
      const f = capStorageFailure(full(), before, 10, () => undefined) as ApplicationFailure;
      expect(f).toBeInstanceOf(ApplicationFailure);
      expect(f.nonRetryable).toBe(false);
      expect(f.type).toBe('StorageUnavailable');
      expect(f.message).toMatch(/^writing checkpoint 3: ENOSPC/);
      return f.nextRetryDelay;
    });
    expect(delays).toEqual([1000, 2000, 4000]);
  });

  it('never waits more than a minute', () => {
    expect(storageRetryDelayMs(30)).toBe(60_000);
  });

  it('gives up once the cap is passed, and records the new count first', () => {
    const counts: number[] = [];
    const f = capStorageFailure(full(), 2, 2, (n) => counts.push(n)) as ApplicationFailure;
    expect(counts).toEqual([3]);
    expect(f.nonRetryable).toBe(true);
    expect(f.message).toMatch(/storage failed 3 times in a row, giving up/);
  });

  it('leaves other errors alone', () => {
    const bug = new TypeError('not storage');
    expect(capStorageFailure(bug, 0, 2, () => undefined)).toBe(bug);
  });
});
