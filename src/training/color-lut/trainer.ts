/**
 * The colour-LUT trainer as pure functions: prepare the target once, then advance a
 * `ColorLutState` one iteration at a time. No I/O, no clocks, no hidden randomness —
 * the thread runner and the tests drive the very same code.
 *
 *   const target = prepareTarget(pixels);
 *   const ctx = createTrainingContext(target, params);
 *   const state = createInitialState(params);        // or deserializeState(checkpoint)
 *   while (!isFinished(state, params)) stepIteration(state, ctx);
 *   const lut = buildLut(state, params);
 */
import { type ColorLutParams } from './params.ts';
import { type WeightedPoints, distinctColours } from './distinct-colours.ts';
import { ProjectionSorter } from './projection-sort.ts';
import { type QuantilePlan, createQuantilePlan } from './quantile-plan.ts';
import { type TransferWorkspace, createTransferWorkspace, transferStep } from './quantile-transfer.ts';
import { rotationForIteration } from './rotation.ts';
import { type LossContext, createLossContext, lossOf } from './sliced-wasserstein.ts';
import { type ColorLutState } from './state.ts';

export { buildLut } from './build-lut.ts';
export { deserializeState, serializeState, ColorLutStateError } from './state-codec.ts';
export { createInitialState, type ColorLutState } from './state.ts';
export { prepareTarget } from './target.ts';

/**
 * Early stopping: an iteration "improves" when it lowers the best loss so far by at
 * least this fraction of it. Comparing with the best (not the previous) loss keeps the
 * small iteration-to-iteration wobble of the random rotations from resetting the count.
 */
export const MIN_RELATIVE_IMPROVEMENT = 1e-4;

/** Full quantile matching along each axis, as in Pitié et al. */
export const RELAXATION = 1;

/** Everything an iteration reads besides the state; built once per run, holds reusable buffers. */
export interface TrainingContext {
  params: ColorLutParams;
  target: WeightedPoints;
  plan: QuantilePlan;
  work: TransferWorkspace;
  loss: LossContext;
}

/** `target`: the RGB8 samples of `prepareTarget`. */
export function createTrainingContext(target: Uint8Array, params: ColorLutParams): TrainingContext {
  const m = target.length / 3;
  if (!Number.isInteger(m) || m === 0) throw new RangeError('target must hold at least one RGB sample');
  const distinct = distinctColours(target);
  const n = params.lutSize ** 3;
  const sorter = new ProjectionSorter(Math.max(n, distinct.counts.length));
  const plan = createQuantilePlan(n, m);
  return {
    params,
    target: distinct,
    plan,
    work: createTransferWorkspace(sorter, n, distinct, plan),
    loss: createLossContext(distinct, n, params.seed, sorter),
  };
}

export function isFinished(state: ColorLutState, params: Pick<ColorLutParams, 'iterations'>): boolean {
  return state.done || state.iteration >= params.iterations;
}

/** Refuses a state from another run: its continuation would silently differ from both runs. */
export function assertStateMatches(
  state: ColorLutState,
  params: Pick<ColorLutParams, 'seed' | 'lutSize'>,
): void {
  if (state.seed !== params.seed || state.lutSize !== params.lutSize) {
    throw new RangeError(
      `checkpoint belongs to a run with seed ${state.seed} and lutSize ${state.lutSize}, ` +
        `not seed ${params.seed} and lutSize ${params.lutSize}`,
    );
  }
}

/** Runs iteration `state.iteration` (mutating `state` in place) and returns its loss. */
export function stepIteration(state: ColorLutState, ctx: TrainingContext): number {
  const { params } = ctx;
  assertStateMatches(state, params);
  if (isFinished(state, params))
    throw new RangeError(`training already finished at iteration ${state.iteration}`);

  transferStep(
    state.samples,
    ctx.target,
    rotationForIteration(state.seed, state.iteration),
    ctx.plan,
    ctx.work,
    RELAXATION,
  );
  const loss = lossOf(state.samples, ctx.loss);
  if (!Number.isFinite(loss)) throw new Error(`loss became ${loss} at iteration ${state.iteration}`);

  state.iteration += 1;
  state.losses.push(loss);
  const improvement = state.bestLoss - loss;
  if (improvement > 0 && improvement >= MIN_RELATIVE_IMPROVEMENT * state.bestLoss) {
    // Also true on the first iteration (best = Infinity); never true once the best loss is 0.
    state.staleIterations = 0;
  } else {
    state.staleIterations += 1;
  }
  state.bestLoss = Math.min(state.bestLoss, loss);
  state.done = state.staleIterations >= params.patience || state.iteration >= params.iterations;
  return loss;
}
