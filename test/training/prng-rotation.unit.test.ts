import { describe, expect, it } from 'vitest';
import { Stream, createPrng, deriveSeed, mix32 } from '../../src/training/color-lut/prng.ts';
import {
  lossDirections,
  randomUnitVector,
  rotationForIteration,
} from '../../src/training/color-lut/rotation.ts';

const dot = (m: Float64Array, a: number, b: number) =>
  m[a] * m[b] + m[a + 1] * m[b + 1] + m[a + 2] * m[b + 2];

describe('prng', () => {
  it('is a pure function of its seed', () => {
    const a = createPrng(1234);
    const b = createPrng(1234);
    const c = createPrng(1235);
    const seqA = Array.from({ length: 50 }, () => a.nextUint32());
    expect(Array.from({ length: 50 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('draws floats in [0, 1) with a plausible mean and spread', () => {
    const prng = createPrng(deriveSeed(42, Stream.rotation, 0));
    const xs = Array.from({ length: 20000 }, () => prng.nextFloat());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    // Bounds at ~5 standard errors: a biased generator fails, sampling noise does not.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.005);
  });

  it('derives distinct seeds per seed, stream and index', () => {
    const seeds = new Set<number>();
    for (let seed = 0; seed < 20; seed++) {
      for (const stream of Object.values(Stream))
        for (let i = 0; i < 50; i++) seeds.add(deriveSeed(seed, stream, i));
    }
    expect(seeds.size).toBe(20 * 3 * 50);
    expect(mix32(0)).toBe(0); // the finaliser is a bijection fixing 0; deriveSeed never feeds it a bare 0
  });
});

describe('rotations', () => {
  it.each([0, 1, 42, 2 ** 31 - 1])('are orthonormal with det +1 (seed %i)', (seed) => {
    for (let i = 0; i < 200; i++) {
      const r = rotationForIteration(seed, i);
      for (const [a, b] of [
        [0, 3],
        [0, 6],
        [3, 6],
      ])
        expect(Math.abs(dot(r, a, b))).toBeLessThan(1e-14);
      for (const a of [0, 3, 6]) expect(Math.abs(dot(r, a, a) - 1)).toBeLessThan(1e-14);
      const det =
        r[0] * (r[4] * r[8] - r[5] * r[7]) -
        r[1] * (r[3] * r[8] - r[5] * r[6]) +
        r[2] * (r[3] * r[7] - r[4] * r[6]);
      expect(det).toBeCloseTo(1, 12);
    }
  });

  it('depend only on (seed, iteration)', () => {
    const late = rotationForIteration(7, 57);
    for (let i = 0; i < 57; i++) rotationForIteration(7, i);
    expect(rotationForIteration(7, 57)).toEqual(late);
    expect(rotationForIteration(8, 57)).not.toEqual(late);
    expect(rotationForIteration(7, 58)).not.toEqual(late);
  });

  it('are spread over the sphere (first axis mean ≈ 0, second moments ≈ I/3)', () => {
    const n = 4000;
    const mean = [0, 0, 0];
    const second = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const r = rotationForIteration(3, i);
      for (let c = 0; c < 3; c++) {
        mean[c] += r[c] / n;
        second[c] += (r[c] * r[c]) / n;
      }
    }
    for (let c = 0; c < 3; c++) {
      expect(Math.abs(mean[c])).toBeLessThan(0.03);
      expect(second[c]).toBeCloseTo(1 / 3, 1);
    }
  });

  it('loss directions are fixed unit vectors per seed', () => {
    const d = lossDirections(42, 16);
    expect(d).toHaveLength(48);
    for (let k = 0; k < 16; k++) expect(dot(d, 3 * k, 3 * k)).toBeCloseTo(1, 14);
    expect(lossDirections(42, 16)).toEqual(d);
    expect(lossDirections(43, 16)).not.toEqual(d);
    const v = randomUnitVector(createPrng(5));
    expect(Math.hypot(v[0], v[1], v[2])).toBeCloseTo(1, 14);
  });
});
