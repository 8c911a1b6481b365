/**
 * The target quantiles of a quantile plan along one axis, without sorting the target.
 * The plan reads the expanded sorted target at a fixed set of ranks (lo[k] and hi[k]), so
 * only the target values that sit at those ranks matter. Three linear passes find them:
 *
 *   1. project the (distinct, weighted) target points and count, per bucket of the
 *      projection's range, how many distinct points and how many samples fall in it;
 *   2. walk the buckets in order, knowing each one's range of expanded ranks, and keep
 *      only those holding a rank the plan reads; copy the points of those buckets, in
 *      point order, into consecutive segments (one scatter pass, often over a fraction
 *      of the points: at 17³ about 1 bucket in 10 is read);
 *   3. sort each segment (a few values; stable insertion) and read the quantiles.
 *
 * Selection is exact: a value's bucket is monotone in the value (IEEE subtraction and
 * multiplication round monotonically), so buckets partition the sorted order, and the
 * numbers are those of a full stable sort of the expanded target (`weightedQuantiles`),
 * bit for bit, ties included (equal values keep point order, −0 ties with +0). One pass
 * of random writes instead of a radix sort's two, and no gather of the counts afterwards.
 * Pathological inputs cannot make a segment sort quadratic: long segments are sorted by
 * comparison instead.
 *
 * When the plan reads most of the target (n ≳ m / SELECT_BELOW), selection saves little and
 * its bucket table is larger than the radix sort's L1-sized digit tables, so the target is
 * sorted instead, carrying each point's count through the sort (no gather afterwards).
 */
import { type WeightedPoints } from './distinct-colours.ts';
import { type Box, fillAxisTables, boundingBox, pointCount, projectionRange } from './projection.ts';
import { ProjectionSorter } from './projection-sort.ts';
import { type QuantilePlan, weightedQuantilesInOrder } from './quantile-plan.ts';

/** Segments longer than this are sorted by comparison rather than by insertion. */
const MAX_INSERTION = 48;
/** Select while the plan reads fewer than one distinct target point in this many. */
const SELECT_BELOW = 8;
/** A bucket the plan reads no rank of. */
const SKIP = 0xffffffff;

export class TargetQuantiles {
  private readonly m: number;
  private readonly buckets: number;
  /** Per expanded rank r (and one past the last): the first rank ≥ r the plan reads, or the sample count. */
  private readonly nextRead: Uint32Array;
  private readonly box: Box;
  private readonly projected: Float64Array;
  /** Per bucket: [samples, distinct points], then [—, next slot of its segment or SKIP]. */
  private readonly counts: Uint32Array;
  private readonly values: Float64Array;
  private readonly weights: Uint32Array;
  /** Per copied point: the expanded rank just past it. */
  private readonly ends: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly tables = new Float64Array(3 * 256);
  /** The sorting path: sorter, sorted values and their counts. */
  private readonly sorting: {
    sorter: ProjectionSorter;
    sorted: Float64Array;
    counts: Uint32Array;
  } | null;

  constructor(
    readonly target: WeightedPoints,
    readonly plan: QuantilePlan,
    mode: 'select' | 'sort' = plan.n * SELECT_BELOW < target.counts.length ? 'select' : 'sort',
  ) {
    this.m = target.counts.length;
    if (pointCount(target.points) !== this.m) throw new RangeError('target points and counts differ');
    if (plan.m !== target.total)
      throw new RangeError(`plan for ${plan.m} target samples, got ${target.total}`);
    // About two distinct points a bucket: the count table (8 bytes a bucket) stays cache sized.
    this.buckets = 2 ** Math.max(4, Math.floor(Math.log2(this.m)));
    this.nextRead = nextRead(plan);
    this.box = boundingBox(target.points);
    this.projected = new Float64Array(this.m);
    this.counts = new Uint32Array(2 * this.buckets);
    this.values = new Float64Array(this.m);
    this.weights = new Uint32Array(this.m);
    this.ends = new Uint32Array(this.m);
    this.scratch = new Uint32Array(this.m);
    this.sorting =
      mode === 'sort'
        ? {
            sorter: new ProjectionSorter(this.m),
            sorted: new Float64Array(this.m),
            counts: new Uint32Array(this.m),
          }
        : null;
  }

  /** `out[k]` ← the target quantile of source rank k along axes[at..at+2] (`weightedQuantiles`' numbers). */
  quantiles(axes: Float64Array, at: number, out: Float64Array): void {
    const { m, buckets, projected, counts, values, weights, ends, nextRead } = this;
    const { points, counts: multiplicity } = this.target;
    const { n, lo: loRank, hi: hiRank, frac } = this.plan;
    if (out.length !== n) throw new RangeError(`expects ${n} quantiles, got ${out.length}`);
    if (this.sorting) {
      const { sorter, sorted, counts: sortedCounts } = this.sorting;
      sorter.argsortProjection(points, this.box, axes, at, sortedCounts, sorted, multiplicity);
      weightedQuantilesInOrder(this.plan, sorted, sortedCounts, out);
      return;
    }
    const [lo, hi] = projectionRange(this.box, axes, at);
    // Bucket ⌊(v − lo) · scale⌋ < buckets for every v in [lo, hi] (rounding is far below 1).
    const range = (buckets - 1) / (hi - lo);
    const scale = hi > lo && range < Infinity ? range : 0;
    counts.fill(0);
    this.project(points, axes, at);
    for (let i = 0; i < m; i++) {
      const b = 2 * (((projected[i] - lo) * scale) >>> 0);
      counts[b] += multiplicity[i];
      counts[b + 1]++;
    }
    // Pass 2: keep the buckets holding a rank the plan reads; lay their segments out in order.
    let rank = 0; // expanded rank at the start of bucket b
    let slot = 0;
    for (let b = 0; b < 2 * buckets; b += 2) {
      const end = rank + counts[b];
      if (nextRead[rank] < end) {
        const distinct = counts[b + 1];
        counts[b] = rank; // from here on: the bucket's first expanded rank
        counts[b + 1] = slot;
        slot += distinct;
      } else {
        counts[b + 1] = SKIP;
      }
      rank = end;
    }
    if (rank !== this.target.total) throw new RangeError('target points outside their bounding box');
    const copied = slot;
    for (let i = 0; i < m; i++) {
      const b = 2 * (((projected[i] - lo) * scale) >>> 0) + 1;
      const s = counts[b];
      if (s === SKIP) continue;
      values[s] = projected[i];
      weights[s] = multiplicity[i];
      counts[b] = s + 1;
    }
    // Pass 3: sort each segment and give every copied point its expanded end rank.
    for (let b = 0, start = 0; start < copied; b += 2) {
      if (counts[b + 1] === SKIP) continue;
      const stop = counts[b + 1]; // the segment's next slot is now its end
      if (stop - start > 1) this.sortSegment(start, stop);
      let end = counts[b];
      for (let s = start; s < stop; s++) ends[s] = end += weights[s];
      start = stop;
    }
    let j = 0;
    for (let k = 0; k < n; k++) {
      while (ends[j] <= loRank[k]) j++;
      const a = values[j];
      // hi is lo or lo + 1; past this value's ranks it is the next copied value (its bucket is read).
      const c = hiRank[k] < ends[j] ? a : values[j + 1];
      out[k] = a + frac[k] * (c - a);
    }
  }

  /** The target's projections into `projected`, as `KeyedProjection` computes them. */
  private project(points: WeightedPoints['points'], axes: Float64Array, at: number): void {
    const { m, projected, tables } = this;
    const a0 = axes[at];
    const a1 = axes[at + 1];
    const a2 = axes[at + 2];
    if (points instanceof Uint8Array) {
      fillAxisTables(tables, axes, at);
      for (let i = 0, p = 0; i < m; i++, p += 3)
        projected[i] = tables[points[p]] + tables[256 + points[p + 1]] + tables[512 + points[p + 2]];
    } else {
      for (let i = 0, p = 0; i < m; i++, p += 3)
        projected[i] = a0 * points[p] + a1 * points[p + 1] + a2 * points[p + 2];
    }
  }

  /** Stable ascending sort of values[start..stop) with their weights. */
  private sortSegment(start: number, stop: number): void {
    const { values, weights } = this;
    if (stop - start > MAX_INSERTION) {
      const order = this.scratch.subarray(0, stop - start);
      for (let i = 0; i < order.length; i++) order[i] = start + i;
      order.sort((x, y) => values[x] - values[y] || x - y);
      const v = Float64Array.from(order, (i) => values[i]);
      const w = Uint32Array.from(order, (i) => weights[i]);
      values.set(v, start);
      weights.set(w, start);
      return;
    }
    for (let i = start + 1; i < stop; i++) {
      const v = values[i];
      if (!(v < values[i - 1])) continue;
      const w = weights[i];
      let j = i - 1;
      do {
        values[j + 1] = values[j];
        weights[j + 1] = weights[j];
        j--;
      } while (j >= start && values[j] > v);
      values[j + 1] = v;
      weights[j + 1] = w;
    }
  }
}

/** `nextRead[r]`: the first rank ≥ r that the plan reads (lo[k] or hi[k]), or m past the last. */
function nextRead(plan: QuantilePlan): Uint32Array {
  const out = new Uint32Array(plan.m + 1).fill(plan.m);
  // lo and hi are non-decreasing in k, so walking k downwards visits each one's ranks downwards.
  let next = plan.m;
  let r = plan.m;
  for (let k = plan.n - 1; k >= 0; k--) {
    for (const read of [plan.hi[k], plan.lo[k]]) {
      if (read >= next) continue;
      while (r > read) out[r--] = next;
      next = read;
    }
  }
  while (r >= 0) out[r--] = next;
  return out;
}
