import { describe, expect, it } from 'vitest';
import { identityLattice } from '../../src/training/color-lut/state.ts';
import { applyLutToRgb8 } from '../../src/training/lut-apply.ts';
import { noisePixels } from '../harness/images.ts';

const allGreysAndNoise = Uint8Array.from([
  ...Array.from({ length: 256 }, (_, v) => [v, v, v]).flat(),
  ...noisePixels(20000, 3),
]);

/** A LUT sampling `f` at the lattice points. */
function lutOf(size: number, f: (r: number, g: number, b: number) => [number, number, number]): Float64Array {
  const id = identityLattice(size);
  const out = new Float64Array(id.length);
  for (let p = 0; p < id.length; p += 3) out.set(f(id[p], id[p + 1], id[p + 2]), p);
  return out;
}

describe('applyLutToRgb8 (tetrahedral)', () => {
  it.each([2, 17, 33, 65])('identity LUT of size %i returns the input exactly', (size) => {
    expect(Buffer.from(applyLutToRgb8(allGreysAndNoise, identityLattice(size), size))).toEqual(
      Buffer.from(allGreysAndNoise),
    );
  });

  it('reproduces an affine colour map exactly, even on a 2³ lattice (tetrahedral interpolation is exact for linear maps)', () => {
    const affine = (r: number, g: number, b: number): [number, number, number] => [
      0.1 + 0.5 * r + 0.2 * g + 0.1 * b,
      1 - 0.8 * g,
      0.05 + 0.3 * r + 0.3 * g + 0.3 * b,
    ];
    const out = applyLutToRgb8(allGreysAndNoise, lutOf(2, affine), 2);
    for (let p = 0; p < allGreysAndNoise.length; p += 3) {
      const want = affine(
        allGreysAndNoise[p] / 255,
        allGreysAndNoise[p + 1] / 255,
        allGreysAndNoise[p + 2] / 255,
      );
      for (let c = 0; c < 3; c++)
        expect(Math.abs(out[p + c] - want[c] * 255)).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });

  it('hits lattice values exactly at lattice colours, and keeps greys on a LUT’s grey axis', () => {
    // An 18-point lattice puts a lattice point on every 15th code (255 / 17 = 15).
    const size = 18;
    const lut = lutOf(size, (r, g, b) => [r * r, Math.sqrt(g), (r + g + b) / 3]);
    const codes = [0, 15, 150, 255];
    const pixels = Uint8Array.from(
      codes.flatMap((r) => codes.flatMap((g) => codes.flatMap((b) => [r, g, b]))),
    );
    const out = applyLutToRgb8(pixels, lut, size);
    for (let p = 0; p < pixels.length; p += 3) {
      const [r, g, b] = [pixels[p] / 255, pixels[p + 1] / 255, pixels[p + 2] / 255];
      expect([out[p], out[p + 1], out[p + 2]]).toEqual(
        [r * r, Math.sqrt(g), (r + g + b) / 3].map((v) => Math.round(v * 255)),
      );
    }
    // Greys in, greys out, when the LUT's diagonal is grey — even if every off-diagonal point is
    // coloured: tetrahedral interpolation of a grey input reads only diagonal lattice points.
    const greyDiagonal = lutOf(5, (r, g, b) => [r * g, g * b, b * r]);
    const greys = applyLutToRgb8(allGreysAndNoise.subarray(0, 768), greyDiagonal, 5);
    for (let v = 0; v < 256; v++) {
      expect(greys[3 * v + 1]).toBe(greys[3 * v]);
      expect(greys[3 * v + 2]).toBe(greys[3 * v]);
    }
  });

  it('clamps LUT values outside [0, 1]', () => {
    const out = applyLutToRgb8(
      Uint8Array.of(0, 0, 0, 255, 255, 255),
      lutOf(2, (r) => [r * 3 - 1, -r, 2]),
      2,
    );
    expect(Array.from(out)).toEqual([0, 0, 255, 255, 0, 255]);
  });

  it('refuses mismatched sizes', () => {
    expect(() => applyLutToRgb8(new Uint8Array(3), new Float64Array(10), 2)).toThrow(/needs 24 values/);
    expect(() => applyLutToRgb8(new Uint8Array(4), identityLattice(2), 2)).toThrow(/multiple of 3/);
  });
});
