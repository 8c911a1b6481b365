/**
 * Sliced Wasserstein-1 distance between point clouds in RGB space: the mean, over a
 * fixed seeded set of unit directions, of the 1-D Wasserstein-1 distance between the
 * projections, itself the mean |source quantile − target quantile| over the source's
 * n midpoint quantiles (k + 0.5)/n. Units: RGB in [0, 1], so 0.01 ≈ 2.5 levels of 8 bit.
 */
import { BinnedWasserstein } from './binned-wasserstein.ts';
import { type WeightedPoints, unweighted } from './distinct-colours.ts';
import { type Box, boundingBox, projectionRange } from './projection.ts';
import { ProjectionSorter } from './projection-sort.ts';
import { createQuantilePlan, weightedQuantiles } from './quantile-plan.ts';
import { lossDirections } from './rotation.ts';

/** Enough directions for a stable loss curve; each one costs binning the samples once an iteration (two a pass). */
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
  distance: BinnedWasserstein;
  projection: Float64Array;
  /** The second direction of each pair (see `lossOf`). */
  distance2: BinnedWasserstein;
  projection2: Float64Array;
  pair: Float64Array;
  box: Box;
}

export function createLossContext(
  target: WeightedPoints,
  n: number,
  seed: number,
  sorter?: ProjectionSorter,
): LossContext {
  const distinct = target.counts.length;
  const directions = lossDirections(seed, LOSS_DIRECTION_COUNT);
  const plan = createQuantilePlan(n, target.total);
  const shared = sorter ?? new ProjectionSorter(Math.max(n, distinct));
  const targetBox = boundingBox(target.points);
  const sorted = new Float64Array(distinct);
  const order = new Uint32Array(distinct);
  const targetQuantiles = new Float64Array(LOSS_DIRECTION_COUNT * n);
  for (let d = 0; d < LOSS_DIRECTION_COUNT; d++) {
    shared.argsortProjection(target.points, targetBox, directions, d * 3, order, sorted);
    weightedQuantiles(plan, sorted, order, target.counts, targetQuantiles.subarray(d * n, d * n + n));
  }
  return {
    n,
    directions,
    targetQuantiles,
    distance: new BinnedWasserstein(n),
    projection: new Float64Array(n),
    distance2: new BinnedWasserstein(n),
    projection2: new Float64Array(n),
    pair: new Float64Array(2),
    box: new Float64Array(6),
  };
}

/** Sliced Wasserstein distance of `samples` (n interleaved RGB points) to the context's target. */
export function lossOf(samples: Float64Array, ctx: LossContext): number {
  const { n, directions, targetQuantiles, distance, projection, distance2, projection2, pair } = ctx;
  if (samples.length !== n * 3)
    throw new RangeError(`loss context expects ${n} samples, got ${samples.length / 3}`);
  const box = boundingBox(samples, ctx.box);
  const targetOf = (d: number) => targetQuantiles.subarray(d * n, d * n + n);
  const rangeOf = (d: number, target: Float64Array): [number, number] => {
    const [lo, hi] = projectionRange(box, directions, d * 3);
    return [Math.min(lo, target[0]), Math.max(hi, target[n - 1])];
  };
  let total = 0;
  // Directions in pairs, binned in one pass over the samples (`distanceAlongPair`); the
  // distances are added in direction order, as one at a time would.
  for (let d = 0; d < LOSS_DIRECTION_COUNT; d += 2) {
    const target = targetOf(d);
    if (d + 1 === LOSS_DIRECTION_COUNT) {
      const [from, to] = rangeOf(d, target);
      total += distance.distanceAlong(samples, directions, d * 3, projection, target, from, to);
      break;
    }
    const target2 = targetOf(d + 1);
    distance.distanceAlongPair(
      distance2,
      samples,
      directions,
      d * 3,
      d * 3 + 3,
      projection,
      projection2,
      target,
      target2,
      rangeOf(d, target),
      rangeOf(d + 1, target2),
      pair,
    );
    total += pair[0];
    total += pair[1];
  }
  return total / LOSS_DIRECTION_COUNT;
}

/**
 * One-off sliced Wasserstein distance between two point clouds (interleaved RGB in [0, 1]),
 * on the same seeded directions as the training loss; used to judge a LUT's effect on images.
 */
export function slicedWasserstein(source: Float64Array, target: Float64Array, seed = 0): number {
  const n = source.length / 3;
  return lossOf(source, createLossContext(unweighted(target), n, seed));
}
