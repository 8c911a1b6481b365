/**
 * Points in RGB space and their projections onto unit axes, the input of every sort. The
 * target is kept as RGB8 (3 bytes a point instead of 24) and projected through three
 * 256-entry tables of axis · (c / 255): the very products and sums of the Float64 form,
 * in the same order, so both forms give bit-identical projections.
 */

/** Points as Float64 RGB (any finite values) or as RGB8 bytes standing for c / 255. */
export type Points = Float64Array | Uint8Array;

/** Per-coordinate bounds of a set of points: [xMin, yMin, zMin, xMax, yMax, zMax], in units of c / 255 for RGB8. */
export type Box = Float64Array;

export const UNIT = Float64Array.from({ length: 256 }, (_, c) => c / 255);

/**
 * Per-channel lookup tables of one projection axis for 8-bit colours: the projection of
 * (r, g, b) is then `tables[r] + tables[256 + g] + tables[512 + b]`, three loads and two adds.
 */
export function fillAxisTables(tables: Float64Array, axes: Float64Array, at: number): void {
  const a0 = axes[at];
  const a1 = axes[at + 1];
  const a2 = axes[at + 2];
  for (let c = 0; c < 256; c++) {
    tables[c] = a0 * UNIT[c];
    tables[256 + c] = a1 * UNIT[c];
    tables[512 + c] = a2 * UNIT[c];
  }
}

export function pointCount(points: Points): number {
  return points.length / 3;
}

/** out[i] = axes[at..at+2] · points[i], for every point (Float64 points). */
export function project(points: Float64Array, axes: Float64Array, at: number, out: Float64Array): void {
  const a0 = axes[at];
  const a1 = axes[at + 1];
  const a2 = axes[at + 2];
  for (let i = 0, p = 0; i < out.length; i++, p += 3)
    out[i] = a0 * points[p] + a1 * points[p + 1] + a2 * points[p + 2];
}

/** The bounding box of `points` (written into `out`, which is returned). */
export function boundingBox(points: Points, out: Box = new Float64Array(6)): Box {
  if (points instanceof Float64Array) return floatBoundingBox(points, out);
  out.fill(Infinity, 0, 3).fill(-Infinity, 3, 6);
  for (let p = 0; p < points.length; p += 3) {
    for (let c = 0; c < 3; c++) {
      const v = points[p + c];
      if (v < out[c]) out[c] = v;
      if (v > out[3 + c]) out[3 + c] = v;
    }
  }
  for (let c = 0; c < 6; c++) out[c] = UNIT[out[c]] ?? out[c];
  return out;
}

/**
 * `boundingBox` of Float64 points, the samples' box, taken over every sample four times an
 * iteration: bounds kept in locals, on an array of one type, rather than loaded from and
 * stored into `out` per point. Same comparisons in the same order, so the same box.
 */
function floatBoundingBox(points: Float64Array, out: Box): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let z0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let z1 = -Infinity;
  for (let p = 0; p < points.length; p += 3) {
    const x = points[p];
    const y = points[p + 1];
    const z = points[p + 2];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    if (z < z0) z0 = z;
    if (z > z1) z1 = z;
  }
  out[0] = x0;
  out[1] = y0;
  out[2] = z0;
  out[3] = x1;
  out[4] = y1;
  out[5] = z1;
  return out;
}

/**
 * Bounds [lo, hi] of every projection of points inside `box` onto the axis, computed with
 * the projection's own products and sums: rounding is monotone, so the rounded projection
 * of any point in the box lies within the rounded projections of the box's corners.
 */
export function projectionRange(box: Box, axes: Float64Array, at: number): [number, number] {
  let lo = 0;
  let hi = 0;
  for (let c = 0; c < 3; c++) {
    const a = axes[at + c];
    const p = a * box[c];
    const q = a * box[3 + c];
    // Summed in the projection's order, (x + y) + z, from +0 (x + 0 = x for every x except −0).
    lo = c === 0 ? Math.min(p, q) : lo + Math.min(p, q);
    hi = c === 0 ? Math.max(p, q) : hi + Math.max(p, q);
  }
  return [lo, hi];
}
