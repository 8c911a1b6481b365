import { describe, expect, it } from 'vitest';
import { RadixSorter } from '../../src/training/color-lut/radix-sort.ts';

function randomValues(n: number, seed: number): Float64Array {
  let s = seed;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32 - 0.3) * 2.5 * 10 ** ((s & 7) - 3); // mixed signs and magnitudes
  }
  return out;
}

describe('RadixSorter', () => {
  it.each([
    ['random', randomValues(5000, 1)],
    [
      'special values',
      Float64Array.of(
        0,
        -0,
        1,
        -1,
        Number.MIN_VALUE,
        -Number.MIN_VALUE,
        1e300,
        -1e300,
        Infinity,
        -Infinity,
        0.5,
        0.5,
      ),
    ],
    ['constant', new Float64Array(100).fill(0.25)],
    ['single', Float64Array.of(3)],
    ['empty', new Float64Array(0)],
  ])('sorts values exactly like a numeric sort (%s)', (_name, values) => {
    const out = new Float64Array(values.length);
    new RadixSorter(values.length).sortValues(values, out);
    const expected = Array.from(values).sort(
      (a, b) => a - b || (Object.is(a, -0) ? -1 : Object.is(b, -0) ? 1 : 0),
    );
    expect(Array.from(out)).toEqual(expected);
  });

  it('sorts in place and reuses its buffers across calls', () => {
    const sorter = new RadixSorter(4000);
    for (const seed of [1, 2, 3]) {
      const v = randomValues(3000 + seed, seed);
      const expected = Float64Array.from(v).sort();
      sorter.sortValues(v, v);
      expect(v).toEqual(expected);
    }
  });

  it('argsort is stable: equal values keep ascending index order', () => {
    const values = Float64Array.from({ length: 3000 }, (_, i) => ((i * 7919) % 13) / 4 - 1);
    const order = new Uint32Array(values.length);
    new RadixSorter(values.length).argsort(values, order);
    const expected = Array.from(values.keys()).sort((a, b) => values[a] - values[b] || a - b);
    expect(Array.from(order)).toEqual(expected);
  });

  it('refuses more values than its capacity', () => {
    expect(() => new RadixSorter(2).sortValues(new Float64Array(3), new Float64Array(3))).toThrow(
      /holds 2 values/,
    );
  });
});
