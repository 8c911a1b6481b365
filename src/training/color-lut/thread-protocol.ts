/** Messages between `run-in-thread.ts` (the caller's thread) and `thread-main.ts` (the training thread). */
import { type TrainingPixels } from '../trainer.ts';
import { type ColorLutParams } from './params.ts';

/** Sent as `workerData` (structured-cloned, so the thread owns its copy of the pixels). */
export interface ThreadInput {
  pixels: TrainingPixels;
  params: ColorLutParams;
  resumeState: Uint8Array | null;
  checkpointEveryMs: number;
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

export type ThreadMessage = ProgressMessage | CheckpointMessage | DoneMessage | ErrorMessage;
