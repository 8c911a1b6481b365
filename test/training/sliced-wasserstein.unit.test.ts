import { describe, expect, it } from 'vitest';
import {
  LOSS_DIRECTION_COUNT,
  createLossContext,
  lossOf,
  slicedWasserstein,
} from '../../src/training/color-lut/sliced-wasserstein.ts';
import { lossDirections } from '../../src/training/color-lut/rotation.ts';
import { rgb8ToUnit } from '../../src/training/color-lut/target.ts';
import { unweighted } from '../../src/training/color-lut/distinct-colours.ts';
import { noisePixels } from '../harness/images.ts';

describe('sliced Wasserstein distance', () => {
  const cloud = rgb8ToUnit(noisePixels(2000, 9));

  it('is 0 between a point cloud and a permutation of itself', () => {
    const reversed = new Float64Array(cloud.length);
    for (let i = 0; i < cloud.length / 3; i++)
      reversed.set(cloud.subarray(3 * i, 3 * i + 3), cloud.length - 3 * (i + 1));
    expect(slicedWasserstein(reversed, cloud, 5)).toBe(0);
  });

  it('of a translated cloud equals the mean |direction · shift| over the fixed directions', () => {
    const shift = [0.1, -0.05, 0.2];
    const moved = cloud.map((v, i) => v + shift[i % 3]);
    const dirs = lossDirections(5, LOSS_DIRECTION_COUNT);
    let expected = 0;
    for (let d = 0; d < LOSS_DIRECTION_COUNT; d++) {
      expected += Math.abs(dirs[3 * d] * shift[0] + dirs[3 * d + 1] * shift[1] + dirs[3 * d + 2] * shift[2]);
    }
    expect(slicedWasserstein(moved, cloud, 5)).toBeCloseTo(expected / LOSS_DIRECTION_COUNT, 12);
  });

  it('grows with the distance between distributions', () => {
    const near = cloud.map((v) => v * 0.9);
    const far = cloud.map((v) => v * 0.5);
    expect(slicedWasserstein(near, cloud)).toBeLessThan(slicedWasserstein(far, cloud));
  });

  it('a prepared context gives the same value as the one-off function, for any sample count', () => {
    const source = rgb8ToUnit(noisePixels(333, 4)).map((v) => v * v);
    const ctx = createLossContext(unweighted(cloud), 333, 8);
    expect(lossOf(source, ctx)).toBe(slicedWasserstein(source, cloud, 8));
    expect(() => lossOf(cloud, ctx)).toThrow(/expects 333 samples/);
  });
});
