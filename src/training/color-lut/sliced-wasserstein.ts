/**
 * Sliced Wasserstein-1 distance between point clouds in RGB space: the mean, over a
 * fixed seeded set of unit directions, of the 1-D Wasserstein-1 distance between the
 * projections, itself the mean |source quantile − target quantile| over the source's
 * n midpoint quantiles (k + 0.5)/n. Units: RGB in [0, 1], so 0.01 ≈ 2.5 levels of 8 bit.
 */
import { createQuantilePlan, quantileAt } from './quantile-plan.ts';
import { RadixSorter } from './radix-sort.ts';
import { project } from './quantile-transfer.ts';
import { lossDirections } from './rotation.ts';

/** Enough directions for a stable loss curve; each one costs one sort of the samples per iteration. */
export const LOSS_DIRECTION_COUNT = 16;

/**
 * The loss against one fixed target, prepared once per run: the target's quantiles at the
 * n source ranks are precomputed for every direction, so an evaluation only projects and
 * sorts the source samples.
 */
export interface LossContext {
  n: number;
  directions: Float64Array;
  targetQuantiles: Float64Array; // direction-major, n per direction
  sorter: RadixSorter;
  projection: Float64Array;
}

export function createLossContext(
  target: Float64Array,
  n: number,
  seed: number,
  sorter?: RadixSorter,
): LossContext {
  const m = target.length / 3;
  const directions = lossDirections(seed, LOSS_DIRECTION_COUNT);
  const plan = createQuantilePlan(n, m);
  const shared = sorter ?? new RadixSorter(Math.max(n, m));
  const sortedTarget = new Float64Array(m);
  const targetQuantiles = new Float64Array(LOSS_DIRECTION_COUNT * n);
  for (let d = 0; d < LOSS_DIRECTION_COUNT; d++) {
    project(target, directions, d * 3, sortedTarget);
    shared.sortValues(sortedTarget, sortedTarget);
    for (let k = 0; k < n; k++) targetQuantiles[d * n + k] = quantileAt(plan, sortedTarget, k);
  }
  return { n, directions, targetQuantiles, sorter: shared, projection: new Float64Array(n) };
}

/** Sliced Wasserstein distance of `samples` (n interleaved RGB points) to the context's target. */
export function lossOf(samples: Float64Array, ctx: LossContext): number {
  const { n, directions, targetQuantiles, sorter, projection } = ctx;
  if (samples.length !== n * 3)
    throw new RangeError(`loss context expects ${n} samples, got ${samples.length / 3}`);
  let total = 0;
  for (let d = 0; d < LOSS_DIRECTION_COUNT; d++) {
    project(samples, directions, d * 3, projection);
    sorter.sortValues(projection, projection);
    const base = d * n;
    let sum = 0;
    for (let k = 0; k < n; k++) sum += Math.abs(projection[k] - targetQuantiles[base + k]);
    total += sum / n;
  }
  return total / LOSS_DIRECTION_COUNT;
}

/**
 * One-off sliced Wasserstein distance between two point clouds (interleaved RGB in [0, 1]),
 * on the same seeded directions as the training loss; used to judge a LUT's effect on images.
 */
export function slicedWasserstein(source: Float64Array, target: Float64Array, seed = 0): number {
  const n = source.length / 3;
  return lossOf(source, createLossContext(target, n, seed));
}
