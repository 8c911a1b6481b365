import { describe, expect, it } from 'vitest';
import { boundingBox } from '../../src/training/color-lut/projection.ts';
import { ProjectionSorter } from '../../src/training/color-lut/projection-sort.ts';
import { noisePixels } from '../harness/images.ts';

const AXIS = Float64Array.of(0.48, -0.6, 0.64);

/** Deterministic Float64 points of mixed signs and magnitudes. */
function randomPoints(count: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: 3 * count }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32 - 0.3) * 2.5 * 10 ** ((s & 7) - 3);
  });
}

/** Reference: the projections computed the same way, ordered by value then index. */
function expected(points: Float64Array | Uint8Array): { order: number[]; sorted: number[] } {
  const unit = points instanceof Uint8Array ? (c: number) => c / 255 : (c: number) => c;
  const values = Array.from({ length: points.length / 3 }, (_, i) => {
    const [x, y, z] = [0, 1, 2].map((c) => unit(points[3 * i + c]));
    return AXIS[0] * x + AXIS[1] * y + AXIS[2] * z;
  });
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  return { order, sorted: order.map((i) => values[i]) };
}

function sortBoth(points: Float64Array | Uint8Array) {
  const n = points.length / 3;
  const sorter = new ProjectionSorter(n);
  const box = boundingBox(points);
  const values = new Float64Array(n);
  sorter.sortProjection(points, box, AXIS, 0, values);
  const order = new Uint32Array(n);
  const sorted = new Float64Array(n);
  sorter.argsortProjection(points, box, AXIS, 0, order, sorted);
  // A payload (here 7·index + 1) arrives in sorted order in place of the index.
  const carried = new Uint32Array(n);
  const payload = Uint32Array.from({ length: n }, (_, i) => 7 * i + 1);
  sorter.argsortProjection(points, box, AXIS, 0, carried, new Float64Array(n), payload);
  return {
    values: Array.from(values),
    order: Array.from(order),
    sorted: Array.from(sorted),
    carried: Array.from(carried),
  };
}

/** Two far-apart points stretch the key range; the rest share one key slot, in descending order. */
function crowded(count: number): Float64Array {
  const xs = [-1, 1, ...Array.from({ length: count }, (_, i) => 0.5 + (count - i) * 1e-15)];
  return Float64Array.from(xs.flatMap((x) => [x / AXIS[0], 0, 0]));
}

describe('ProjectionSorter', () => {
  it.each([
    ['random Float64 points', randomPoints(5000, 1)],
    ['RGB8 noise', noisePixels(6000, 2)],
    ['RGB8 with many repeated colours', Uint8Array.from(noisePixels(4000, 3), (c) => c & 0xc0)],
    ['equal points', new Float64Array(300).fill(0.25)],
    ['a single point', Float64Array.of(0.1, 0.2, 0.3)],
    ['no points', new Float64Array(0)],
    ['values crowded into one key slot (insertion fallback)', crowded(3000)],
  ])('sorts exactly and argsorts stably, ties by index (%s)', (_name, points) => {
    const want = expected(points);
    const got = sortBoth(points);
    expect(got.values).toEqual(want.sorted);
    expect(got.sorted).toEqual(want.sorted);
    expect(got.order).toEqual(want.order);
    expect(got.carried).toEqual(want.order.map((i) => 7 * i + 1));
  });

  it('reuses its buffers across calls of different sizes', () => {
    const sorter = new ProjectionSorter(4000);
    for (const seed of [1, 2, 3]) {
      const points = randomPoints(3000 + seed, seed);
      const out = new Float64Array(3000 + seed);
      sorter.sortProjection(points, boundingBox(points), AXIS, 0, out);
      expect(Array.from(out)).toEqual(expected(points).sorted);
    }
  });

  it('refuses more points than its capacity, and points outside the box given for them', () => {
    const points = randomPoints(10, 4);
    expect(() =>
      new ProjectionSorter(5).sortProjection(points, boundingBox(points), AXIS, 0, new Float64Array(10)),
    ).toThrow(/holds 5 values/);
    const tooSmall = boundingBox(points.subarray(0, 15));
    expect(() =>
      new ProjectionSorter(10).sortProjection(points, tooSmall, AXIS, 0, new Float64Array(10)),
    ).toThrow(/outside the bounding box/);
  });
});
