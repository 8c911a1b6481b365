/**
 * What a command trainer has reported so far in this run, seeded from the checkpoint it
 * resumed from: the current iteration and total, the last loss, and the loss curve.
 * A trainer that goes back (it could not use its checkpoint and restarted) rewrites
 * history from that iteration on, so the curve always has one loss per iteration, ascending.
 */
import { type TrainerProgress } from '../trainer.ts';
import { type LossPoint } from './state-container.ts';

export class RunProgress {
  iteration: number;
  total: number;
  loss: number | null;
  private losses: LossPoint[];

  constructor(start: { iteration: number; total: number; losses: LossPoint[] }) {
    this.iteration = start.iteration;
    this.total = start.total;
    this.losses = start.losses.filter(([i]) => i <= start.iteration);
    this.loss = this.losses.at(-1)?.[1] ?? null;
  }

  record(iteration: number, total: number | undefined, loss: number | null | undefined): TrainerProgress {
    this.iteration = iteration;
    if (total !== undefined) this.total = total;
    const keepBelow = typeof loss === 'number' ? iteration : iteration + 1;
    while (this.losses.length && this.losses[this.losses.length - 1][0] >= keepBelow) this.losses.pop();
    if (typeof loss === 'number') {
      this.losses.push([iteration, loss]);
      this.loss = loss;
    }
    return { iteration, total: this.total, loss: this.loss };
  }

  /** The curve up to and including `iteration` (what a checkpoint at `iteration` carries). */
  lossesUpTo(iteration: number): LossPoint[] {
    return this.losses.filter(([i]) => i <= iteration);
  }
}
