/**
 * The complete state of a colour-LUT training run. Nothing else is needed to continue
 * it: the rotation of iteration i is derived from (seed, i), so a run resumed from any
 * snapshot produces exactly the bytes of an uninterrupted one.
 */
import { type ColorLutParams } from './params.ts';

export interface ColorLutState {
  /** Identify the run the state belongs to; resuming under other values is refused. */
  seed: number;
  lutSize: number;
  /** Completed iterations; the next one to run has this index. */
  iteration: number;
  /** lutSize³ points, interleaved RGB, r fastest (the .cube order); starts at the identity lattice. */
  samples: Float64Array;
  /** Loss after each completed iteration. */
  losses: number[];
  /** Early stopping: the best loss so far and how many iterations in a row failed to improve it enough. */
  bestLoss: number;
  staleIterations: number;
  /** Set when the run stopped early or reached its iteration budget. */
  done: boolean;
}

/** The identity lattice: point (r, g, b) at (r, g, b)/(N−1), r varying fastest. */
export function identityLattice(lutSize: number): Float64Array {
  const out = new Float64Array(lutSize * lutSize * lutSize * 3);
  const step = lutSize - 1;
  let p = 0;
  for (let b = 0; b < lutSize; b++) {
    for (let g = 0; g < lutSize; g++) {
      for (let r = 0; r < lutSize; r++) {
        out[p++] = r / step;
        out[p++] = g / step;
        out[p++] = b / step;
      }
    }
  }
  return out;
}

export function createInitialState(params: Pick<ColorLutParams, 'seed' | 'lutSize'>): ColorLutState {
  return {
    seed: params.seed,
    lutSize: params.lutSize,
    iteration: 0,
    samples: identityLattice(params.lutSize),
    losses: [],
    bestLoss: Infinity,
    staleIterations: 0,
    done: false,
  };
}
