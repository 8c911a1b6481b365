/**
 * The 1-D Wasserstein-1 distance between n values and n sorted target values without
 * sorting the values. For equal counts, (1/n) Σ_k |x_(k) − t_k| = (1/n) ∫ |Cx(z) − Ct(z)| dz,
 * where Cx and Ct count the values and targets ≤ z. The line is cut into bins: where
 * D = Cx − Ct keeps one sign across a bin (it moves by +1 at each value and −1 at each
 * target in it), |∫D| over the bin follows from its counts and sums alone; only the few
 * bins where D may change sign (~1–7 % of the values with ~16 values a bin) have their
 * values sorted and swept exactly. Positions are kept in bin units, as the bin index plus
 * the fraction within the bin, so the sums stay small and exact to rounding. The same
 * quantity as sorting everything, rounded in another order; each pass is sequential or
 * touches L1/L2-sized tables only.
 */

const MIN_BINS = 1024;
/** `startD` of a bin the first sweep settled (a real D is never that low). */
const SETTLED = -0x80000000;
const MAX_BINS = 8192;

export class BinnedWasserstein {
  readonly bins: number;
  /** Per bin: [count, sum of fractions] of the values, interleaved (one cache line an update). */
  private readonly statsX: Float64Array;
  private readonly countT: Int32Array;
  private readonly sumT: Float64Array;
  /** Per bin: SETTLED, or Cx − Ct at its start, from where the exact sweep resumes. */
  private readonly startD: Int32Array;
  private readonly startT: Int32Array;
  private readonly mixed: Float64Array;

  constructor(
    readonly n: number,
    bins = Math.min(MAX_BINS, Math.max(MIN_BINS, 2 ** Math.ceil(Math.log2(Math.max(1, n / 4))))),
  ) {
    this.bins = bins;
    this.statsX = new Float64Array(2 * this.bins);
    this.countT = new Int32Array(this.bins);
    this.sumT = new Float64Array(this.bins);
    this.startD = new Int32Array(this.bins);
    this.startT = new Int32Array(this.bins);
    this.mixed = new Float64Array(n);
  }

  /**
   * W1 between `values` (n, any order) and `sorted` (n, ascending); every value and
   * target must lie in [lo, hi].
   */
  distance(values: Float64Array, sorted: Float64Array, lo: number, hi: number): number {
    const { n, bins, statsX } = this;
    if (values.length !== n || sorted.length !== n) throw new RangeError(`expects ${n} values and targets`);
    if (!(hi > lo)) return hi === lo ? 0 : NaN; // every value and target equals lo
    // Position in bin units: r = (v − lo) · scale, in bin ⌊r⌋ at fraction r − ⌊r⌋; never past the last bin.
    const scale = (bins - 0.5) / (hi - lo);
    statsX.fill(0);
    for (let i = 0; i < n; i++) {
      const r = (values[i] - lo) * scale;
      const j = r | 0;
      statsX[2 * j]++;
      statsX[2 * j + 1] += r - j;
    }
    return this.finish(values, sorted, lo, hi, scale);
  }

  /**
   * `distance` of the projections of `points` (n interleaved xyz) on axes[at..at+2], computed
   * as `project` does and written into `out` on the way: one pass fewer over the values.
   */
  distanceAlong(
    points: Float64Array,
    axes: Float64Array,
    at: number,
    out: Float64Array,
    sorted: Float64Array,
    lo: number,
    hi: number,
  ): number {
    const { n, bins, statsX } = this;
    if (points.length !== 3 * n || out.length !== n || sorted.length !== n)
      throw new RangeError(`expects ${n} points, values and targets`);
    const a0 = axes[at];
    const a1 = axes[at + 1];
    const a2 = axes[at + 2];
    if (!(hi > lo)) {
      for (let i = 0, p = 0; i < n; i++, p += 3)
        out[i] = a0 * points[p] + a1 * points[p + 1] + a2 * points[p + 2];
      return this.distance(out, sorted, lo, hi);
    }
    const scale = (bins - 0.5) / (hi - lo);
    statsX.fill(0);
    for (let i = 0, p = 0; i < n; i++, p += 3) {
      const v = a0 * points[p] + a1 * points[p + 1] + a2 * points[p + 2];
      out[i] = v;
      const r = (v - lo) * scale;
      const j = r | 0;
      statsX[2 * j]++;
      statsX[2 * j + 1] += r - j;
    }
    return this.finish(out, sorted, lo, hi, scale);
  }

  /**
   * `distanceAlong` on two axes at once, `other` (of the same n and bins) taking the second:
   * one pass over the points bins both projections. Consecutive points (lattice order) tend to
   * fall in the same bin, so each bin update waits on the previous one through memory; two
   * independent chains in one loop overlap, where one alone mostly waits (a micro-benchmark on
   * the 65³ lattice: ~4 ms for two passes, ~2 ms for one pass over both). Each axis's numbers
   * are computed exactly as `distanceAlong` does, in the same order: the same two results.
   */
  distanceAlongPair(
    other: BinnedWasserstein,
    points: Float64Array,
    axes: Float64Array,
    atA: number,
    atB: number,
    outA: Float64Array,
    outB: Float64Array,
    sortedA: Float64Array,
    sortedB: Float64Array,
    rangeA: readonly [number, number],
    rangeB: readonly [number, number],
    result: Float64Array,
  ): void {
    const { n, bins, statsX } = this;
    const [loA, hiA] = rangeA;
    const [loB, hiB] = rangeB;
    if (other.n !== n || other.bins !== bins || !(hiA > loA) || !(hiB > loB) || points.length !== 3 * n) {
      result[0] = this.distanceAlong(points, axes, atA, outA, sortedA, loA, hiA);
      result[1] = other.distanceAlong(points, axes, atB, outB, sortedB, loB, hiB);
      return;
    }
    if (outA.length !== n || outB.length !== n || sortedA.length !== n || sortedB.length !== n)
      throw new RangeError(`expects ${n} points, values and targets`);
    const statsY = other.statsX;
    const a0 = axes[atA];
    const a1 = axes[atA + 1];
    const a2 = axes[atA + 2];
    const b0 = axes[atB];
    const b1 = axes[atB + 1];
    const b2 = axes[atB + 2];
    const scaleA = (bins - 0.5) / (hiA - loA);
    const scaleB = (bins - 0.5) / (hiB - loB);
    statsX.fill(0);
    statsY.fill(0);
    for (let i = 0, p = 0; i < n; i++, p += 3) {
      const x = points[p];
      const y = points[p + 1];
      const z = points[p + 2];
      const v = a0 * x + a1 * y + a2 * z;
      outA[i] = v;
      const r = (v - loA) * scaleA;
      const j = r | 0;
      statsX[2 * j]++;
      statsX[2 * j + 1] += r - j;
      const w = b0 * x + b1 * y + b2 * z;
      outB[i] = w;
      const s = (w - loB) * scaleB;
      const k = s | 0;
      statsY[2 * k]++;
      statsY[2 * k + 1] += s - k;
    }
    result[0] = this.finish(outA, sortedA, loA, hiA, scaleA);
    result[1] = other.finish(outB, sortedB, loB, hiB, scaleB);
  }

  /** The rest of `distance`, once the values are binned. */
  private finish(values: Float64Array, sorted: Float64Array, lo: number, hi: number, scale: number): number {
    const { n, bins, statsX, countT, sumT, startD, startT } = this;
    countT.fill(0);
    sumT.fill(0);
    // Targets are sorted, so each bin's are consecutive: accumulate in registers, store when
    // the bin changes. One flat loop computing each position once (the nested loop it replaces
    // computed it twice and re-tested the bounds); the same sums, added in the same order.
    let bin = ((sorted[0] - lo) * scale) | 0;
    let count = 0;
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const r = (sorted[k] - lo) * scale;
      const j = r | 0;
      if (j !== bin) {
        countT[bin] = count;
        sumT[bin] = sum;
        bin = j;
        count = 0;
        sum = 0;
      }
      count++;
      sum += r - j;
    }
    countT[bin] = count;
    sumT[bin] = sum;
    let cx = 0;
    let ct = 0;
    let total = 0;
    let mixedBins = 0;
    for (let j = 0; j < bins; j++) {
      const x = statsX[2 * j];
      const t = countT[j];
      const d = cx - ct;
      startD[j] = SETTLED;
      if (d - t >= 0 || d + x <= 0) {
        // ∫ D over the bin, in bin units = d + Σ_values (1 − fraction) − Σ_targets (1 − fraction).
        total += Math.abs(d + (x - statsX[2 * j + 1]) - (t - sumT[j]));
      } else {
        startD[j] = d;
        startT[j] = ct;
        mixedBins++;
      }
      cx += x;
      ct += t;
    }
    // A value outside [lo, hi] landed in no bin (typed arrays drop out-of-range writes).
    if (cx !== n || ct !== n) throw new RangeError(`values outside the given range [${lo}, ${hi}]`);
    if (mixedBins > 0) total += this.sweepMixed(values, sorted, lo, scale);
    return total / scale / n;
  }

  /** ∫|D| (in bin units) over the bins the first sweep could not settle, from their values sorted. */
  private sweepMixed(values: Float64Array, sorted: Float64Array, lo: number, scale: number): number {
    const { n, bins, statsX, countT, startD, startT, mixed } = this;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const r = (values[i] - lo) * scale;
      if (startD[r | 0] !== SETTLED) mixed[count++] = r;
    }
    // Bins are monotone in value, so sorting all of them groups each bin's values in order.
    const xs = mixed.subarray(0, count).sort();
    let next = 0;
    let total = 0;
    for (let j = 0; j < bins; j++) {
      if (startD[j] === SETTLED) continue;
      let d = startD[j];
      let z = j;
      let xi = next;
      const xEnd = next + statsX[2 * j];
      let ti = startT[j];
      const tEnd = ti + countT[j];
      while (xi < xEnd || ti < tEnd) {
        const tr = ti < tEnd ? (sorted[ti] - lo) * scale : Infinity;
        const isX = xi < xEnd && xs[xi] <= tr;
        const at = isX ? xs[xi++] : (ti++, tr);
        total += Math.abs(d) * (at - z);
        z = at;
        d += isX ? 1 : -1;
      }
      total += Math.abs(d) * (j + 1 - z);
      next = xEnd;
    }
    return total;
  }
}
