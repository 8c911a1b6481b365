/**
 * Projects points onto an axis and sorts the projections exactly, in four linear passes:
 * project (computing each value's key and both digit histograms on the way), scatter by
 * the low digit, scatter by the high digit, and a final insertion pass.
 *
 * The key is fixed-point, ⌊(v − lo) · scale⌋ with at most 24 bits, where [lo, hi] bounds
 * every projection of the points' bounding box. It is monotone in v (IEEE subtraction and
 * multiplication round monotonically), so the LSD radix sort on its two digits leaves each
 * value within its run of equal keys; such runs are short (~64 key slots per value) and
 * the insertion pass puts them in exact numeric order. So the result is exact: `argsort`
 * breaks ties by ascending index, which the quantile transfer relies on for
 * reproducibility, and −0 ties with +0. Keys are recomputed from the values in each
 * scatter pass rather than stored: arithmetic is cheaper than the memory traffic.
 *
 * Small digits (≤ 12 bits) keep both histograms in L1 and the scatter passes cache
 * friendly. Pathological inputs cannot make the insertion pass quadratic: past a budget
 * of moves it gives up and the values are sorted by comparison instead.
 */
import { KeyedProjection } from './keyed-projection.ts';
import { type Box, type Points } from './projection.ts';

/** Insertion moves allowed per value before falling back to a comparison sort. */
const MOVES_PER_VALUE = 4;

export class ProjectionSorter {
  private readonly projected: Float64Array;
  private readonly tmpValues: Float64Array;
  private readonly tmpIndex: Uint32Array;
  private readonly keyed = new KeyedProjection();

  constructor(readonly capacity: number) {
    this.projected = new Float64Array(capacity);
    this.tmpValues = new Float64Array(capacity);
    this.tmpIndex = new Uint32Array(capacity);
  }

  /** `out` ← the projections of `points` (all inside `box`) on axes[at..at+2], ascending. */
  sortProjection(points: Points, box: Box, axes: Float64Array, at: number, out: Float64Array): void {
    const n = out.length;
    if (!this.project(points, box, axes, at, out)) return;
    const { bits, lo, scale, low, high } = this.keyed;
    const { tmpValues } = this;
    const mask = (1 << bits) - 1;
    for (let i = 0; i < n; i++) {
      const v = out[i];
      tmpValues[low[((v - lo) * scale) & mask]++] = v;
    }
    for (let i = 0; i < n; i++) {
      const v = tmpValues[i];
      out[high[((v - lo) * scale) >>> bits]++] = v;
    }
    if (!insertionFixUp(out, n)) out.sort();
  }

  /**
   * `order` ← the indices of `points` by ascending projection (ties by index) and
   * `sorted` ← the projections in that order. Given `payload` (one number per point),
   * `order` receives payload[index] instead of the index: a weight carried through the
   * sort arrives in order, with no gather afterwards.
   */
  argsortProjection(
    points: Points,
    box: Box,
    axes: Float64Array,
    at: number,
    order: Uint32Array,
    sorted: Float64Array,
    payload?: Uint32Array,
  ): void {
    const n = order.length;
    if (sorted.length !== n) throw new RangeError('argsort outputs differ in length');
    const values = this.projected.subarray(0, n);
    if (!this.project(points, box, axes, at, values)) {
      for (let i = 0; i < n; i++) order[i] = payload ? payload[i] : i;
      sorted.set(values);
      return;
    }
    const { bits, lo, scale, low, high } = this.keyed;
    const { tmpValues, tmpIndex } = this;
    scatterByDigits(
      values,
      payload ?? null,
      n,
      lo,
      scale,
      bits,
      low,
      high,
      tmpValues,
      tmpIndex,
      sorted,
      order,
    );
    if (!insertionFixUpWithOrder(sorted, order, n)) {
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => values[a] - values[b] || a - b);
      for (let i = 0; i < n; i++) sorted[i] = values[order[i]];
      if (payload) for (let i = 0; i < n; i++) order[i] = payload[order[i]];
    }
  }

  private project(points: Points, box: Box, axes: Float64Array, at: number, out: Float64Array): boolean {
    if (out.length > this.capacity)
      throw new RangeError(`projection sorter holds ${this.capacity} values, got ${out.length}`);
    return this.keyed.project(points, box, axes, at, out);
  }
}

/**
 * Stable insertion sort of a sequence already ordered up to short runs. Returns false,
 * leaving it incomplete, once the move budget is spent.
 */
function insertionFixUp(values: Float64Array, n: number): boolean {
  let budget = MOVES_PER_VALUE * n + 64;
  for (let i = 1; i < n; i++) {
    const v = values[i];
    if (!(v < values[i - 1])) continue;
    let j = i - 1;
    do {
      values[j + 1] = values[j];
      j--;
    } while (j >= 0 && values[j] > v);
    values[j + 1] = v;
    budget -= i - j;
    if (budget < 0) return false;
  }
  return true;
}

/** `insertionFixUp` moving `order` along (a copy, not a flag: no test inside the loop). */
function insertionFixUpWithOrder(values: Float64Array, order: Uint32Array, n: number): boolean {
  let budget = MOVES_PER_VALUE * n + 64;
  for (let i = 1; i < n; i++) {
    const v = values[i];
    if (!(v < values[i - 1])) continue;
    const index = order[i];
    let j = i - 1;
    do {
      values[j + 1] = values[j];
      order[j + 1] = order[j];
      j--;
    } while (j >= 0 && values[j] > v);
    values[j + 1] = v;
    order[j + 1] = index;
    budget -= i - j;
    if (budget < 0) return false;
  }
  return true;
}

/**
 * The two scatter passes of `argsortProjection`, as a plain function of locals (no field
 * loads in its loops), with one copy of the first loop per kind of payload rather than a
 * `payload ? payload[i] : i` test per value. In a micro-benchmark on the bench photo's
 * 124,564 distinct colours (bench CPU, loaded machine) the target's sort went from ~10 to
 * ~9.2 ms; the insertion pass likewise has its own copy with an order to move along.
 */
function scatterByDigits(
  values: Float64Array,
  payload: Uint32Array | null,
  n: number,
  lo: number,
  scale: number,
  bits: number,
  low: Uint32Array,
  high: Uint32Array,
  tmpValues: Float64Array,
  tmpIndex: Uint32Array,
  sorted: Float64Array,
  order: Uint32Array,
): void {
  const mask = (1 << bits) - 1;
  if (payload) {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const j = low[((v - lo) * scale) & mask]++;
      tmpValues[j] = v;
      tmpIndex[j] = payload[i];
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const j = low[((v - lo) * scale) & mask]++;
      tmpValues[j] = v;
      tmpIndex[j] = i;
    }
  }
  for (let i = 0; i < n; i++) {
    const v = tmpValues[i];
    const j = high[((v - lo) * scale) >>> bits]++;
    sorted[j] = v;
    order[j] = tmpIndex[i];
  }
}
