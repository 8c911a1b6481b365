/**
 * Applies a 3-D LUT (domain [0, 1], r fastest) to RGB8 pixels with tetrahedral
 * interpolation — the same scheme as ffmpeg's `lut3d=interp=tetrahedral` and most
 * grading tools. It splits each lattice cell into six tetrahedra along its main
 * diagonal, so neutral greys stay exactly on the LUT's grey axis (trilinear would mix in
 * off-axis corners), and it needs four lattice reads per pixel instead of eight.
 */

interface AxisTable {
  /** Lower lattice index of each 8-bit code value. */
  index: Uint32Array;
  /** Position inside the cell, in [0, 1). */
  frac: Float64Array;
}

/** 8-bit code v sits at v·(N−1)/255 on the lattice; identical for all three channels. */
function axisTable(size: number): AxisTable {
  const index = new Uint32Array(256);
  const frac = new Float64Array(256);
  for (let v = 0; v < 256; v++) {
    const x = (v * (size - 1)) / 255;
    const i = Math.min(Math.floor(x), size - 2);
    index[v] = i;
    frac[v] = x - i;
  }
  return { index, frac };
}

function toByte(v: number): number {
  const s = v * 255;
  return s > 0 ? (s < 255 ? Math.round(s) : 255) : 0;
}

/** Returns new RGB8 pixels: `lut` applied to each pixel of `pixels` (interleaved RGB8). */
export function applyLutToRgb8(pixels: Uint8Array, lut: Float64Array, lutSize: number): Uint8Array {
  if (!Number.isInteger(lutSize) || lutSize < 2)
    throw new RangeError(`lutSize must be an integer ≥ 2, got ${lutSize}`);
  if (lut.length !== lutSize ** 3 * 3)
    throw new RangeError(`a ${lutSize}³ LUT needs ${lutSize ** 3 * 3} values, got ${lut.length}`);
  if (pixels.length % 3 !== 0)
    throw new RangeError('pixels must be interleaved RGB8 (length a multiple of 3)');
  const { index, frac } = axisTable(lutSize);
  // Offsets (in values) of the cell corners relative to corner 000.
  const sr = 3;
  const sg = 3 * lutSize;
  const sb = 3 * lutSize * lutSize;
  const out = new Uint8Array(pixels.length);
  for (let p = 0; p < pixels.length; p += 3) {
    const r = pixels[p];
    const g = pixels[p + 1];
    const b = pixels[p + 2];
    const dr = frac[r];
    const dg = frac[g];
    const db = frac[b];
    const c000 = index[r] * sr + index[g] * sg + index[b] * sb;
    const c111 = c000 + sr + sg + sb;
    // Pick the tetrahedron containing (dr, dg, db): the order of the three fractions decides
    // which two intermediate corners lie on the path 000 → 111. Weights sum to 1.
    let cA: number, cB: number, w0: number, wA: number, wB: number, w1: number;
    if (dr > dg && dg > db) {
      cA = c000 + sr;
      cB = c000 + sr + sg;
      w0 = 1 - dr;
      wA = dr - dg;
      wB = dg - db;
      w1 = db;
    } else if (dr > dg && dr > db) {
      cA = c000 + sr;
      cB = c000 + sr + sb;
      w0 = 1 - dr;
      wA = dr - db;
      wB = db - dg;
      w1 = dg;
    } else if (dr > dg) {
      cA = c000 + sb;
      cB = c000 + sr + sb;
      w0 = 1 - db;
      wA = db - dr;
      wB = dr - dg;
      w1 = dg;
    } else if (db > dg) {
      cA = c000 + sb;
      cB = c000 + sg + sb;
      w0 = 1 - db;
      wA = db - dg;
      wB = dg - dr;
      w1 = dr;
    } else if (db > dr) {
      cA = c000 + sg;
      cB = c000 + sg + sb;
      w0 = 1 - dg;
      wA = dg - db;
      wB = db - dr;
      w1 = dr;
    } else {
      cA = c000 + sg;
      cB = c000 + sr + sg;
      w0 = 1 - dg;
      wA = dg - dr;
      wB = dr - db;
      w1 = db;
    }
    for (let c = 0; c < 3; c++) {
      out[p + c] = toByte(w0 * lut[c000 + c] + wA * lut[cA + c] + wB * lut[cB + c] + w1 * lut[c111 + c]);
    }
  }
  return out;
}
