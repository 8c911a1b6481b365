/**
 * One step of iterative distribution transfer (Pitié, Kokaram & Dahyot 2005/2007):
 * along each axis of a rotation, the 1-D distribution of the source projections is
 * mapped onto the target's by quantile matching, and every source sample moves along
 * that axis by the difference. Because the axes are orthonormal, moving along one axis
 * leaves the projections on the others unchanged (up to rounding).
 */
import { type QuantilePlan, quantileAt } from './quantile-plan.ts';
import { type RadixSorter } from './radix-sort.ts';
import { type Rotation } from './rotation.ts';

/** Reusable buffers, so an iteration allocates nothing proportional to the data. */
export interface TransferWorkspace {
  sorter: RadixSorter;
  sourceProjection: Float64Array; // n
  order: Uint32Array; // n
  targetProjection: Float64Array; // m
}

/** Projects interleaved xyz points onto `axis` (a unit vector at offset `at` of `axes`). */
export function project(points: Float64Array, axes: Float64Array, at: number, out: Float64Array): void {
  const a0 = axes[at];
  const a1 = axes[at + 1];
  const a2 = axes[at + 2];
  const count = out.length;
  for (let i = 0, p = 0; i < count; i++, p += 3)
    out[i] = a0 * points[p] + a1 * points[p + 1] + a2 * points[p + 2];
}

/**
 * Moves `samples` (interleaved xyz, n points, updated in place) so that their projection
 * on `axes[at..at+2]` follows the target's. The source ranks come from a stable sort
 * (ties by index), so equal projections are always matched to quantiles in the same order.
 * `relaxation` scales each move (1 = full quantile matching).
 */
export function transferAlongAxis(
  samples: Float64Array,
  target: Float64Array,
  axes: Float64Array,
  at: number,
  plan: QuantilePlan,
  work: TransferWorkspace,
  relaxation: number,
): void {
  const { sorter, sourceProjection, order, targetProjection } = work;
  project(target, axes, at, targetProjection);
  sorter.sortValues(targetProjection, targetProjection);
  project(samples, axes, at, sourceProjection);
  sorter.argsort(sourceProjection, order);
  const a0 = axes[at];
  const a1 = axes[at + 1];
  const a2 = axes[at + 2];
  for (let k = 0; k < plan.n; k++) {
    const i = order[k];
    const move = relaxation * (quantileAt(plan, targetProjection, k) - sourceProjection[i]);
    const p = 3 * i;
    samples[p] += move * a0;
    samples[p + 1] += move * a1;
    samples[p + 2] += move * a2;
  }
}

/** Applies all three axes of `rotation`, in order. */
export function transferStep(
  samples: Float64Array,
  target: Float64Array,
  rotation: Rotation,
  plan: QuantilePlan,
  work: TransferWorkspace,
  relaxation = 1,
): void {
  for (let axis = 0; axis < 3; axis++)
    transferAlongAxis(samples, target, rotation, axis * 3, plan, work, relaxation);
}
