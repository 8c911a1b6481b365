import { describe, expect, it } from 'vitest';
import { distinctColours } from '../../src/training/color-lut/distinct-colours.ts';
import {
  createQuantilePlan,
  quantileAt,
  weightedQuantiles,
} from '../../src/training/color-lut/quantile-plan.ts';
import { noisePixels } from '../harness/images.ts';

describe('distinctColours', () => {
  it('lists each colour once, in 0xRRGGBB order, with its count', () => {
    const rgb = Uint8Array.of(9, 9, 9, 1, 2, 3, 9, 9, 9, 1, 2, 4, 9, 9, 9);
    const d = distinctColours(rgb);
    expect(Array.from(d.points)).toEqual([1, 2, 3, 1, 2, 4, 9, 9, 9]);
    expect(Array.from(d.counts)).toEqual([1, 1, 3]);
    expect(d.total).toBe(5);
  });
});

describe('weightedQuantiles', () => {
  it.each([
    [7, 50],
    [50, 7],
    [300, 300],
    [1, 40],
  ])('reads the same quantiles as the expanded sorted target (n=%i, distinct values %i)', (n, distinct) => {
    const counts = Uint32Array.from(noisePixels(distinct, n).subarray(0, distinct), (c) => 1 + (c % 5));
    const values = Float64Array.from({ length: distinct }, (_, i) => ((i * 7919) % distinct) / 3 - 20);
    const order = Uint32Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
    const sorted = Float64Array.from(order, (i) => values[i]);
    const expanded = Float64Array.from(
      Array.from(order).flatMap((i) => Array<number>(counts[i]).fill(values[i])),
    );
    const plan = createQuantilePlan(n, expanded.length);
    const out = new Float64Array(n);
    weightedQuantiles(plan, sorted, order, counts, out);
    expect(Array.from(out)).toEqual(Array.from({ length: n }, (_, k) => quantileAt(plan, expanded, k)));
  });
});
