/**
 * `TargetQuantiles` selects the target quantiles without sorting the target (or sorts it
 * carrying the counts); either way it must give bit for bit the numbers of the full stable
 * sort it replaced (`argsortProjection` then `weightedQuantiles`), or the trainer's output
 * would change.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type WeightedPoints,
  distinctColours,
  unweighted,
} from '../../src/training/color-lut/distinct-colours.ts';
import { boundingBox } from '../../src/training/color-lut/projection.ts';
import { ProjectionSorter } from '../../src/training/color-lut/projection-sort.ts';
import { createQuantilePlan, weightedQuantiles } from '../../src/training/color-lut/quantile-plan.ts';
import { rotationForIteration } from '../../src/training/color-lut/rotation.ts';
import { TargetQuantiles } from '../../src/training/color-lut/target-quantiles.ts';
import { noisePixels } from '../harness/images.ts';

function bySort(target: WeightedPoints, n: number, axes: Float64Array, at: number): Float64Array {
  const m = target.counts.length;
  const sorter = new ProjectionSorter(m);
  const order = new Uint32Array(m);
  const sorted = new Float64Array(m);
  sorter.argsortProjection(target.points, boundingBox(target.points), axes, at, order, sorted);
  const out = new Float64Array(n);
  weightedQuantiles(createQuantilePlan(n, target.total), sorted, order, target.counts, out);
  return out;
}

let mode: 'select' | 'sort' = 'select';

function bySelection(target: WeightedPoints, n: number, axes: Float64Array, at: number): Float64Array {
  const out = new Float64Array(n);
  new TargetQuantiles(target, createQuantilePlan(n, target.total), mode).quantiles(axes, at, out);
  return out;
}

/** Every bit, −0 against +0 included. */
const bits = (values: Float64Array) => Array.from(values, (v) => (Object.is(v, -0) ? '-0' : String(v)));

describe.each(['select', 'sort'] as const)('TargetQuantiles (%s)', (which) => {
  beforeEach(() => {
    mode = which;
  });

  const noise = distinctColours(noisePixels(40_000, 11));
  // Few colours, many repeats: long runs of equal values and buckets far fuller than average.
  const posterised = distinctColours(noisePixels(40_000, 5).map((c) => c & 0xe0));

  it.each([
    ['noise, n ≪ m', noise, 17 ** 3],
    ['noise, n > m', noise, 33 ** 3],
    ['posterised, n ≪ m', posterised, 9 ** 3],
    ['posterised, n > m', posterised, 33 ** 3],
  ] as const)('reads the quantiles of a full sort, bit for bit (%s)', (_name, target, n) => {
    for (let iteration = 0; iteration < 4; iteration++) {
      const axes = rotationForIteration(3, iteration);
      for (const at of [0, 3, 6])
        expect(bits(bySelection(target, n, axes, at))).toEqual(bits(bySort(target, n, axes, at)));
    }
  });

  it('handles unweighted Float64 targets, a single value, and −0 tied with +0', () => {
    const axis = Float64Array.of(-1, 0, 0);
    // Projections −0 (from +0 · −1) and +0 (from −0 · −1) tie; a stable sort keeps point order.
    const zeros = unweighted(Float64Array.of(0, 0, 0, -0, 0, 0, 0, 0, 0, 0.5, 1, 1));
    expect(bits(bySelection(zeros, 7, axis, 0))).toEqual(bits(bySort(zeros, 7, axis, 0)));
    const single = unweighted(Float64Array.of(0.25, 0.5, 0.75));
    expect(bits(bySelection(single, 5, Float64Array.of(0, 1, 0), 0))).toEqual([
      '0.5',
      '0.5',
      '0.5',
      '0.5',
      '0.5',
    ]);
  });

  it('sorts crowded buckets by comparison, with the same result', () => {
    // Two tight clusters (g = 0 or 1, r barely moving the projection): each fills one bucket.
    const points = Uint8Array.from({ length: 3 * 600 }, (_, p) =>
      p % 3 === 0 ? (p * 37) % 256 : p % 3 === 1 ? 255 * (Math.floor(p / 3) % 2) : 7,
    );
    const target = distinctColours(points);
    const axis = Float64Array.of(1e-9, Math.sqrt(1 - 1e-18), 0);
    for (const n of [5, 100, 2000])
      expect(bits(bySelection(target, n, axis, 0))).toEqual(bits(bySort(target, n, axis, 0)));
  });

  it('refuses a plan for another sample count', () => {
    expect(() => new TargetQuantiles(noise, createQuantilePlan(10, noise.total + 1))).toThrow(RangeError);
  });
});
