/**
 * The first pass of `ProjectionSorter`: projects points onto a unit axis and, on the way,
 * gives each projection v its fixed-point key ⌊(v − lo) · scale⌋ (at most 24 bits, [lo, hi]
 * bounding every projection of the points' bounding box) and counts both digits of the
 * keys, as exclusive prefix sums ready to scatter. RGB8 points are projected through
 * per-axis tables (see projection.ts), giving the very values of the Float64 form.
 */
import { type Box, type Points, fillAxisTables, pointCount, projectionRange } from './projection.ts';

const MAX_DIGIT_BITS = 12;
const MIN_DIGIT_BITS = 6;

export class KeyedProjection {
  /** Digit width, key origin and scale of the last projection. */
  bits = 0;
  lo = 0;
  scale = 0;
  /** Where the next value with each low / high digit goes. */
  readonly low = new Uint32Array(1 << MAX_DIGIT_BITS);
  readonly high = new Uint32Array(1 << MAX_DIGIT_BITS);
  private readonly tables = new Float64Array(3 * 256);

  /** Writes the projections into `out`; returns false when there is nothing to sort. */
  project(points: Points, box: Box, axes: Float64Array, at: number, out: Float64Array): boolean {
    const n = out.length;
    if (pointCount(points) !== n) throw new RangeError(`${pointCount(points)} points for ${n} projections`);
    const [lo, hi] = projectionRange(box, axes, at);
    // ~64 key slots per value keeps runs of equal keys short; more bits only cost passes.
    const bits = Math.min(MAX_DIGIT_BITS, Math.max(MIN_DIGIT_BITS, Math.ceil((Math.log2(n) + 6) / 2)));
    const mask = (1 << bits) - 1;
    // Keys stay below 2^(2·bits): the rounding error of (v − lo) · scale is far below 1.
    const range = (2 ** (2 * bits) - 1) / (hi - lo);
    const scale = hi > lo && range < Infinity ? range : 0;
    const { low, high, tables } = this;
    low.fill(0, 0, mask + 1);
    high.fill(0, 0, mask + 1);
    const a0 = axes[at];
    const a1 = axes[at + 1];
    const a2 = axes[at + 2];
    if (points instanceof Uint8Array) {
      fillAxisTables(tables, axes, at);
      for (let i = 0, p = 0; i < n; i++, p += 3) {
        const v = tables[points[p]] + tables[256 + points[p + 1]] + tables[512 + points[p + 2]];
        out[i] = v;
        const k = ((v - lo) * scale) >>> 0;
        low[k & mask]++;
        high[k >>> bits]++;
      }
    } else {
      for (let i = 0, p = 0; i < n; i++, p += 3) {
        const v = a0 * points[p] + a1 * points[p + 1] + a2 * points[p + 2];
        out[i] = v;
        const k = ((v - lo) * scale) >>> 0;
        low[k & mask]++;
        high[k >>> bits]++;
      }
    }
    let lowSum = 0;
    let highSum = 0;
    for (let d = 0; d <= mask; d++) {
      const l = low[d];
      low[d] = lowSum;
      lowSum += l;
      const h = high[d];
      high[d] = highSum;
      highSum += h;
    }
    // A value outside [lo, hi] has a key past the histogram, whose increment was dropped.
    if (highSum !== n) throw new RangeError('points outside the bounding box given for them');
    this.bits = bits;
    this.lo = lo;
    this.scale = scale;
    return n > 1 && scale > 0;
  }
}
