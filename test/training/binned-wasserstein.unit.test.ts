import { describe, expect, it } from 'vitest';
import { BinnedWasserstein } from '../../src/training/color-lut/binned-wasserstein.ts';

/** (1/n) Σ |x_(k) − t_k|: the definition the binned computation must reproduce. */
function bySorting(values: Float64Array, sorted: Float64Array): number {
  const x = Float64Array.from(values).sort();
  let sum = 0;
  for (let k = 0; k < x.length; k++) sum += Math.abs(x[k] - sorted[k]);
  return sum / x.length;
}

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function distance(values: Float64Array, sorted: Float64Array, bins?: number): number {
  let lo = sorted[0];
  let hi = sorted[sorted.length - 1];
  for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return new BinnedWasserstein(values.length, bins).distance(values, sorted, lo, hi);
}

describe('BinnedWasserstein', () => {
  const random = lcg(7);
  const n = 20_000;
  const gaussianish = () => (random() + random() + random()) / 3;
  const cases: [string, Float64Array, Float64Array][] = [
    [
      'far apart',
      Float64Array.from({ length: n }, random),
      Float64Array.from({ length: n }, () => 2 + random()),
    ],
    [
      'nearly equal (most bins mixed)',
      Float64Array.from({ length: n }, gaussianish),
      Float64Array.from({ length: n }, gaussianish),
    ],
    [
      'many ties',
      Float64Array.from({ length: n }, () => Math.floor(random() * 20) / 20),
      Float64Array.from({ length: n }, () => Math.floor(random() * 30) / 30),
    ],
    [
      'negative values',
      Float64Array.from({ length: n }, () => -random()),
      Float64Array.from({ length: n }, random),
    ],
  ];

  it.each(cases)('equals the sorted definition to rounding (%s)', (_name, values, target) => {
    target.sort();
    const want = bySorting(values, target);
    for (const bins of [undefined, 2, 64, 65_536]) {
      expect(Math.abs(distance(values, target, bins) - want)).toBeLessThan(1e-13 * Math.max(1, want));
    }
  });

  it('is exactly 0 for a permutation of the target, and |shift| for a shifted copy', () => {
    const target = Float64Array.from({ length: 5000 }, random).sort();
    const shuffled = Float64Array.from(target).reverse();
    expect(distance(shuffled, target)).toBe(0);
    expect(
      distance(
        target.map((v) => v + 0.25),
        target,
      ),
    ).toBeCloseTo(0.25, 13);
  });

  it('handles all-equal inputs and refuses values outside the range given', () => {
    const w = new BinnedWasserstein(3);
    expect(w.distance(Float64Array.of(1, 1, 1), Float64Array.of(1, 1, 1), 1, 1)).toBe(0);
    expect(() => w.distance(Float64Array.of(0, 5, 1), Float64Array.of(0, 1, 2), 0, 2)).toThrow(/outside/);
    expect(() => w.distance(Float64Array.of(0, 1), Float64Array.of(0, 1, 2), 0, 2)).toThrow(/expects 3/);
  });

  it('distanceAlong projects on the way and gives the very same number', () => {
    const random = lcg(11);
    const count = 3000;
    const points = Float64Array.from({ length: 3 * count }, random);
    const axes = Float64Array.of(0.48, -0.6, 0.64);
    const projected = Float64Array.from(
      { length: count },
      (_, i) => axes[0] * points[3 * i] + axes[1] * points[3 * i + 1] + axes[2] * points[3 * i + 2],
    );
    const target = Float64Array.from({ length: count }, () => random() - 0.2).sort();
    const [lo, hi] = [Math.min(-0.6, target[0]), Math.max(1.12, target[count - 1])];
    const out = new Float64Array(count);
    const along = new BinnedWasserstein(count).distanceAlong(points, axes, 0, out, target, lo, hi);
    expect(Array.from(out)).toEqual(Array.from(projected));
    expect(Object.is(along, new BinnedWasserstein(count).distance(projected, target, lo, hi))).toBe(true);
  });
  it('distanceAlongPair gives the very numbers and projections of two distanceAlong calls', () => {
    const random = lcg(12);
    const count = 4000;
    const points = Float64Array.from({ length: 3 * count }, random);
    const axes = Float64Array.of(0.48, -0.6, 0.64, 0.6, 0.64, 0.48);
    // One target far from the values (bins settle), one close to them (most bins mixed).
    const far = Float64Array.from({ length: count }, () => random() - 0.2).sort();
    const close = Float64Array.from({ length: count }, (_, i) => {
      const p = 3 * i;
      return 0.6 * points[p] + 0.64 * points[p + 1] + 0.48 * points[p + 2] + (random() - 0.5) * 1e-3;
    }).sort();
    const rangeA = [-0.7, 1.2] as const;
    const rangeB = [-0.01, 1.73] as const;
    const single = [new Float64Array(count), new Float64Array(count)];
    const want = [
      new BinnedWasserstein(count).distanceAlong(points, axes, 0, single[0], far, ...rangeA),
      new BinnedWasserstein(count).distanceAlong(points, axes, 3, single[1], close, ...rangeB),
    ];
    const outs = [new Float64Array(count), new Float64Array(count)];
    const result = new Float64Array(2);
    const first = new BinnedWasserstein(count);
    first.distanceAlongPair(
      new BinnedWasserstein(count),
      points,
      axes,
      0,
      3,
      outs[0],
      outs[1],
      far,
      close,
      rangeA,
      rangeB,
      result,
    );
    expect(want[0]).toBeGreaterThan(0.01);
    expect(want[1]).toBeLessThan(1e-3);
    expect(Object.is(result[0], want[0]) && Object.is(result[1], want[1])).toBe(true);
    expect(Array.from(outs[0])).toEqual(Array.from(single[0]));
    expect(Array.from(outs[1])).toEqual(Array.from(single[1]));
  });
});
