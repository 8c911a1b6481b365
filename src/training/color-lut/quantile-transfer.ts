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
import { type QuantilePlan } from './quantile-plan.ts';
import { type Rotation } from './rotation.ts';
import { TargetQuantiles } from './target-quantiles.ts';

/** Reusable buffers, so an iteration allocates nothing proportional to the data. */
export interface TransferWorkspace {
  sorter: ProjectionSorter;
  sourceBox: Box;
  sortedSource: Float64Array; // n
  order: Uint32Array; // n
  quantiles: Float64Array; // n
  moves: Float64Array; // n, by sample
  /** For the target and plan of the last transfer (built on first use). */
  targetQuantiles: TargetQuantiles | null;
}

/** Buffers for n samples (and, given the target and plan, for their quantiles). */
export function createTransferWorkspace(
  sorter: ProjectionSorter,
  n: number,
  target?: WeightedPoints,
  plan?: QuantilePlan,
): TransferWorkspace {
  return {
    sorter,
    sourceBox: new Float64Array(6),
    sortedSource: new Float64Array(n),
    order: new Uint32Array(n),
    quantiles: new Float64Array(n),
    moves: new Float64Array(n),
    targetQuantiles: plan && target ? new TargetQuantiles(target, plan) : null,
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
  const { sorter, sortedSource, order, quantiles, moves } = work;
  if (work.targetQuantiles?.target !== target || work.targetQuantiles.plan !== plan)
    work.targetQuantiles = new TargetQuantiles(target, plan);
  work.targetQuantiles.quantiles(axes, at, quantiles);
  sorter.argsortProjection(samples, boundingBox(samples, work.sourceBox), axes, at, order, sortedSource);
  const a0 = axes[at];
  const a1 = axes[at + 1];
  const a2 = axes[at + 2];
  // Each move goes to its sample first, so that the samples (3× the bytes) are updated in
  // order rather than at random: the same numbers, far fewer cache misses on large lattices.
  for (let k = 0; k < plan.n; k++) moves[order[k]] = relaxation * (quantiles[k] - sortedSource[k]);
  for (let i = 0, p = 0; i < plan.n; i++, p += 3) {
    const move = moves[i];
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
