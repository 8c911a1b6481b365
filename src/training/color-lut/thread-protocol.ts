/** Messages between `run-in-thread.ts` (the caller's thread) and `thread-main.ts` (a pooled training thread). */
import { type MessagePort } from 'node:worker_threads';
import { type TrainingPixels } from '../trainer.ts';
import { type ColorLutParams } from './params.ts';

/** One training job (structured-cloned, so the thread owns its copy of the pixels). */
export interface ThreadInput {
  pixels: TrainingPixels;
  /** Already validated by the caller, in this process. */
  params: ColorLutParams;
  resumeState: Uint8Array | null;
  checkpointEveryMs: number;
}

/** What the thread receives from the pool: the job, its message port and its stop flag. */
export interface ThreadTask extends ThreadInput {
  port: MessagePort;
  /** Set to 1 (by `cancel()`) to stop after the running iteration. */
  cancelled: Int32Array;
}

/** How the task ended; the results themselves travel as messages. */
export type ThreadOutcome = 'finished' | 'cancelled' | 'failed';

export interface StartedMessage {
  kind: 'started';
}

export interface ProgressMessage {
  kind: 'progress';
  iteration: number;
  total: number;
  loss: number;
}

export interface CheckpointMessage {
  kind: 'checkpoint';
  iteration: number;
  loss: number;
  /** `serializeState` bytes; their buffer is transferred, not copied. */
  state: Uint8Array;
}

export interface DoneMessage {
  kind: 'done';
  lut: Float64Array;
  losses: number[];
  iterations: number;
  finalLoss: number;
}

/** An exception of the training code, flattened: Error objects lose their class when cloned. */
export interface ErrorMessage {
  kind: 'error';
  name: string;
  message: string;
  stack: string | undefined;
}

export type ThreadMessage = StartedMessage | ProgressMessage | CheckpointMessage | DoneMessage | ErrorMessage;
