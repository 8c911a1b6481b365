/**
 * One step of iterative distribution transfer (Pitié, Kokaram & Dahyot 2005/2007):
 * along each axis of a rotation, the 1-D distribution of the source projections is
 * mapped onto the target's by quantile matching, and every source sample moves along
 * that axis by the difference. Because the axes are orthonormal, moving along one axis
 * leaves the projections on the others unchanged (up to rounding).
 */
import { type WeightedPoints } from './distinct-colours.ts';
import { type Box, boundingBox } from './projection.ts';
import { type ProjectionSorter } from './projection-sort.ts';
import { type QuantilePlan, weightedQuantiles } from './quantile-plan.ts';
import { type Rotation } from './rotation.ts';

/** Reusable buffers, so an iteration allocates nothing proportional to the data. */
export interface TransferWorkspace {
  sorter: ProjectionSorter;
  targetBox: Box;
  sourceBox: Box;
  sortedSource: Float64Array; // n
  order: Uint32Array; // n
  quantiles: Float64Array; // n
  sortedTarget: Float64Array; // distinct target points
  targetOrder: Uint32Array; // distinct target points
}

/** Buffers for n samples and the given target. */
export function createTransferWorkspace(
  sorter: ProjectionSorter,
  n: number,
  target: WeightedPoints,
): TransferWorkspace {
  const distinct = target.counts.length;
  return {
    sorter,
    targetBox: boundingBox(target.points),
    sourceBox: new Float64Array(6),
    sortedSource: new Float64Array(n),
    order: new Uint32Array(n),
    quantiles: new Float64Array(n),
    sortedTarget: new Float64Array(distinct),
    targetOrder: new Uint32Array(distinct),
  };
}

/**
 * Moves `samples` (interleaved xyz, n points, updated in place) so that their projection
 * on `axes[at..at+2]` follows the target's. The source ranks come from a stable sort
 * (ties by index), so equal projections are always matched to quantiles in the same order.
 * `relaxation` scales each move (1 = full quantile matching).
 */
export function transferAlongAxis(
  samples: Float64Array,
  target: WeightedPoints,
  axes: Float64Array,
  at: number,
  plan: QuantilePlan,
  work: TransferWorkspace,
  relaxation: number,
): void {
  const { sorter, sortedSource, order, quantiles, sortedTarget, targetOrder } = work;
  sorter.argsortProjection(target.points, work.targetBox, axes, at, targetOrder, sortedTarget);
  weightedQuantiles(plan, sortedTarget, targetOrder, target.counts, quantiles);
  sorter.argsortProjection(samples, boundingBox(samples, work.sourceBox), axes, at, order, sortedSource);
  const a0 = axes[at];
  const a1 = axes[at + 1];
  const a2 = axes[at + 2];
  for (let k = 0; k < plan.n; k++) {
    const i = order[k];
    const move = relaxation * (quantiles[k] - sortedSource[k]);
    const p = 3 * i;
    samples[p] += move * a0;
    samples[p + 1] += move * a1;
    samples[p + 2] += move * a2;
  }
}

/** Applies all three axes of `rotation`, in order. */
export function transferStep(
  samples: Float64Array,
  target: WeightedPoints,
  rotation: Rotation,
  plan: QuantilePlan,
  work: TransferWorkspace,
  relaxation = 1,
): void {
  for (let axis = 0; axis < 3; axis++)
    transferAlongAxis(samples, target, rotation, axis * 3, plan, work, relaxation);
}
