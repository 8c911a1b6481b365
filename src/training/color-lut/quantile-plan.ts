/**
 * Where each source rank reads the target's quantile function. With n source and m
 * target values, the k-th smallest source value (0-based) sits at quantile
 * u = (k + 0.5) / n, and the j-th smallest target value at (j + 0.5) / m, so u maps to
 * the fractional target position p = u·m − 0.5, linearly interpolated between
 * neighbours and clamped to the extreme values at both ends. The plan depends on
 * (n, m) only, so it is computed once per run and shared by every axis and iteration.
 */
export interface QuantilePlan {
  n: number;
  m: number;
  lo: Uint32Array;
  hi: Uint32Array;
  frac: Float64Array;
}

export function createQuantilePlan(n: number, m: number): QuantilePlan {
  if (!(n > 0 && m > 0)) throw new RangeError(`quantile plan needs non-empty samples (n=${n}, m=${m})`);
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  const frac = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // ((2k+1)·m − n) / 2n is u·m − 0.5 with a single rounding (the numerator is an exact integer).
    const p = ((2 * k + 1) * m - n) / (2 * n);
    if (p <= 0) {
      lo[k] = hi[k] = 0;
    } else if (p >= m - 1) {
      lo[k] = hi[k] = m - 1;
    } else {
      const j = Math.floor(p);
      lo[k] = j;
      hi[k] = j + 1;
      frac[k] = p - j;
    }
  }
  return { n, m, lo, hi, frac };
}

/** The target quantile for source rank k, given the target values sorted ascending. */
export function quantileAt(plan: QuantilePlan, sortedTarget: Float64Array, k: number): number {
  const a = sortedTarget[plan.lo[k]];
  return a + plan.frac[k] * (sortedTarget[plan.hi[k]] - a);
}

/**
 * Every target quantile of the plan (`out[k]` for source rank k), from the distinct target
 * values sorted ascending (`sorted[j]` of the value `order[j]`, present `counts[order[j]]`
 * times): the same numbers `quantileAt` reads from the fully expanded sorted target.
 */
export function weightedQuantiles(
  plan: QuantilePlan,
  sorted: Float64Array,
  order: Uint32Array,
  counts: Uint32Array,
  out: Float64Array,
): void {
  const { lo, hi, frac } = plan;
  let j = 0;
  // Ranks [end − count, end) of the expanded target hold sorted[j].
  let end = counts[order[0]];
  for (let k = 0; k < plan.n; k++) {
    while (end <= lo[k]) end += counts[order[++j]];
    const a = sorted[j];
    // hi is lo or lo + 1; past this value's ranks it is the next distinct value.
    const b = hi[k] < end ? a : sorted[j + 1];
    out[k] = a + frac[k] * (b - a);
  }
}

/**
 * `weightedQuantiles` of values whose counts arrive sorted with them (`counts[j]` belongs to
 * `sorted[j]`, as `argsortProjection` leaves them given the counts as payload): the same
 * numbers, one load fewer per distinct value, in the loop run three times an iteration over
 * all n ranks.
 */
export function weightedQuantilesInOrder(
  plan: QuantilePlan,
  sorted: Float64Array,
  counts: Uint32Array,
  out: Float64Array,
): void {
  const { lo, hi, frac } = plan;
  let j = 0;
  let end = counts[0];
  for (let k = 0; k < plan.n; k++) {
    while (end <= lo[k]) end += counts[++j];
    const a = sorted[j];
    const b = hi[k] < end ? a : sorted[j + 1];
    out[k] = a + frac[k] * (b - a);
  }
}
