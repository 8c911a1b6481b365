import { describe, expect, it } from 'vitest';
import { unweighted } from '../../src/training/color-lut/distinct-colours.ts';
import { ProjectionSorter } from '../../src/training/color-lut/projection-sort.ts';
import { createQuantilePlan, quantileAt } from '../../src/training/color-lut/quantile-plan.ts';
import {
  createTransferWorkspace,
  transferAlongAxis,
  transferStep,
} from '../../src/training/color-lut/quantile-transfer.ts';
import { rotationForIteration } from '../../src/training/color-lut/rotation.ts';

const IDENTITY = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);

const workspace = (n: number, target: Float64Array) =>
  createTransferWorkspace(new ProjectionSorter(Math.max(n, target.length / 3)), n, unweighted(target));

/** Points whose x coordinates are `xs` and y, z are fixed markers, to check they stay put. */
const pointsOnX = (xs: number[]) => Float64Array.from(xs.flatMap((x, i) => [x, i + 0.25, -i - 1]));

/** Transfers along the x axis and returns the new x coordinates. */
function transferX(source: number[], target: number[], relaxation = 1): number[] {
  const samples = pointsOnX(source);
  const targetPoints = pointsOnX(target);
  const plan = createQuantilePlan(source.length, target.length);
  const work = workspace(source.length, targetPoints);
  transferAlongAxis(samples, unweighted(targetPoints), IDENTITY, 0, plan, work, relaxation);
  source.forEach((_, i) => {
    expect(samples[3 * i + 1]).toBe(i + 0.25);
    expect(samples[3 * i + 2]).toBe(-i - 1);
  });
  return source.map((_, i) => samples[3 * i]);
}

describe('quantile plan', () => {
  it.each([
    { n: 4, m: 4, target: [0, 1, 2, 3], expected: [0, 1, 2, 3] },
    { n: 2, m: 4, target: [0, 1, 2, 3], expected: [0.5, 2.5] },
    { n: 4, m: 2, target: [10, 20], expected: [10, 12.5, 17.5, 20] },
    { n: 3, m: 1, target: [7], expected: [7, 7, 7] },
    { n: 1, m: 5, target: [1, 2, 3, 4, 100], expected: [3] },
  ])('reads the target quantile (k+0.5)/n with interpolation (n=$n, m=$m)', ({ n, m, target, expected }) => {
    const plan = createQuantilePlan(n, m);
    const sorted = Float64Array.from(target);
    expect(Array.from({ length: n }, (_, k) => quantileAt(plan, sorted, k))).toEqual(expected);
  });

  it('refuses empty samples', () => {
    expect(() => createQuantilePlan(0, 3)).toThrow(RangeError);
  });
});

describe('1-D quantile transfer', () => {
  it('maps the k-th smallest source value onto the k-th target quantile', () => {
    expect(transferX([3, 1, 2, 0], [40, 10, 30, 20])).toEqual([40, 20, 30, 10]);
  });

  it('interpolates when the sample counts differ', () => {
    expect(transferX([0.9, 0.1], [0, 1, 2, 3])).toEqual([2.5, 0.5]);
    expect(transferX([4, 3, 2, 1], [10, 20])).toEqual([20, 17.5, 12.5, 10]);
  });

  it('breaks ties by index, so equal sources map to increasing quantiles in index order', () => {
    expect(transferX([5, 5, 5], [3, 1, 2])).toEqual([1, 2, 3]);
    expect(transferX([2, 5, 2, 5], [1, 2, 3, 4])).toEqual([1, 3, 2, 4]);
  });

  it('scales each move by the relaxation factor', () => {
    expect(transferX([0, 1], [10, 20], 0.5)).toEqual([5, 10.5]);
  });
});

describe('3-D transfer step', () => {
  it('with equal sample counts, matches every marginal along the rotation axes exactly', () => {
    const n = 500;
    const source = Float64Array.from({ length: 3 * n }, (_, i) => ((i * 0.618034) % 1) * 0.5);
    const target = Float64Array.from({ length: 3 * n }, (_, i) => 0.3 + ((i * 0.414214) % 1) ** 2);
    transferStep(source, unweighted(target), IDENTITY, createQuantilePlan(n, n), workspace(n, target));
    for (let c = 0; c < 3; c++) {
      const got = Array.from({ length: n }, (_, i) => source[3 * i + c]).sort((a, b) => a - b);
      const want = Array.from({ length: n }, (_, i) => target[3 * i + c]).sort((a, b) => a - b);
      expect(got).toEqual(want);
    }
  });

  it('moving along one rotated axis leaves the projections on the other two unchanged', () => {
    const n = 300;
    const rotation = rotationForIteration(11, 4);
    const source = Float64Array.from({ length: 3 * n }, (_, i) => (i * 0.37) % 1);
    const target = Float64Array.from({ length: 3 * 400 }, (_, i) => 0.5 + 0.2 * Math.sin(i));
    const proj = (s: Float64Array, axis: number, i: number) =>
      rotation[3 * axis] * s[3 * i] +
      rotation[3 * axis + 1] * s[3 * i + 1] +
      rotation[3 * axis + 2] * s[3 * i + 2];
    const before = Float64Array.from(source);
    const plan = createQuantilePlan(n, 400);
    transferAlongAxis(source, unweighted(target), rotation, 3, plan, workspace(n, target), 1);
    let moved = 0;
    for (let i = 0; i < n; i++) {
      expect(proj(source, 0, i)).toBeCloseTo(proj(before, 0, i), 14);
      expect(proj(source, 2, i)).toBeCloseTo(proj(before, 2, i), 14);
      moved += Math.abs(proj(source, 1, i) - proj(before, 1, i));
    }
    expect(moved).toBeGreaterThan(1);
  });
});
