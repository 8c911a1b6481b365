import { describe, expect, it } from 'vitest';
import { trainingSize } from '../../src/imaging/training-size.ts';

describe('trainingSize', () => {
  it.each([
    [{ width: 300, height: 200 }, 1_048_576, { width: 300, height: 200 }],
    [{ width: 1024, height: 1024 }, 1_048_576, { width: 1024, height: 1024 }],
    [{ width: 4000, height: 3000 }, 1_048_576, { width: 1182, height: 886 }],
    [{ width: 3000, height: 4000 }, 1_048_576, { width: 886, height: 1182 }],
    [{ width: 10, height: 200_000 }, 1000, { width: 1, height: 1000 }],
    [{ width: 200_000, height: 10 }, 1000, { width: 1000, height: 1 }],
    [{ width: 5, height: 5 }, 1, { width: 1, height: 1 }],
  ])('%j within %d px → %j', (source, max, expected) => {
    expect(trainingSize(source, max)).toEqual(expected);
  });

  it('never exceeds the budget, never enlarges, never reaches zero', () => {
    for (const width of [1, 2, 7, 333, 4096, 65_535]) {
      for (const height of [1, 3, 640, 9999, 40_000]) {
        for (const max of [1, 2, 1000, 65_536, 1_048_576]) {
          const out = trainingSize({ width, height }, max);
          expect(out.width * out.height).toBeLessThanOrEqual(Math.max(max, 1));
          expect(out.width).toBeGreaterThanOrEqual(1);
          expect(out.height).toBeGreaterThanOrEqual(1);
          expect(out.width).toBeLessThanOrEqual(width);
          expect(out.height).toBeLessThanOrEqual(height);
        }
      }
    }
  });

  it('rejects a budget below one pixel', () => {
    expect(() => trainingSize({ width: 2, height: 2 }, 0)).toThrow(RangeError);
  });
});
