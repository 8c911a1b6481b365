/**
 * Runs one colour-LUT training in its own worker thread, so the CPU-bound iterations
 * never block the caller's event loop (heartbeats, HTTP, timers keep flowing). One
 * thread per run; `cancel()` terminates it, which interrupts even a running iteration.
 */
import { Worker } from 'node:worker_threads';
import { type z } from 'zod';
import { type TrainingPixels } from '../trainer.ts';
import { ColorLutParamsSchema } from './params.ts';
import { type ThreadInput, type ThreadMessage } from './thread-protocol.ts';
import { TrainingCancelledError, TrainingThreadError } from './training-errors.ts';

export { TrainingCancelledError, TrainingThreadError } from './training-errors.ts';

// A plain .mjs bootstrap: see the comment in that file.
const THREAD_ENTRY = new URL('./thread-entry.mjs', import.meta.url);

export interface ColorLutTrainingInput {
  pixels: TrainingPixels;
  /** Raw or already parsed; validated (and defaulted) here, so bad input throws synchronously. */
  params: z.input<typeof ColorLutParamsSchema>;
  /** `serializeState` bytes of an earlier checkpoint to continue from. */
  resumeState?: Uint8Array;
  /** Minimum time between checkpoints; the final state is always checkpointed. */
  checkpointEveryMs?: number;
}

export interface ColorLutTrainingHandlers {
  onProgress?(progress: { iteration: number; total: number; loss: number }): void;
  onCheckpoint?(checkpoint: { iteration: number; loss: number; state: Uint8Array }): void;
}

export interface ColorLutTrainingResult {
  /** lutSize³ × RGB in [0, 1], r fastest. */
  lut: Float64Array;
  losses: number[];
  iterations: number;
  finalLoss: number;
  /** The final state (also sent as the last checkpoint). */
  state: Uint8Array;
}

export interface ColorLutTrainingHandle {
  /** Settles once the thread has exited: resolves when training finished, rejects otherwise. */
  result: Promise<ColorLutTrainingResult>;
  /** Stops the thread; `result` then rejects with `TrainingCancelledError` unless it already finished. */
  cancel(): Promise<void>;
}

export function startColorLutTraining(
  input: ColorLutTrainingInput,
  handlers: ColorLutTrainingHandlers = {},
): ColorLutTrainingHandle {
  const params = ColorLutParamsSchema.parse(input.params);
  const checkpointEveryMs = input.checkpointEveryMs ?? 2000;
  if (!(checkpointEveryMs >= 0))
    throw new RangeError(`checkpointEveryMs must be ≥ 0, got ${checkpointEveryMs}`);
  const workerData: ThreadInput = {
    pixels: input.pixels,
    params,
    resumeState: input.resumeState ?? null,
    checkpointEveryMs,
  };
  const worker = new Worker(THREAD_ENTRY, { workerData, name: 'color-lut-training' });

  let exited = false;
  let cancelled = false;
  let failure: Error | undefined;
  let done: Extract<ThreadMessage, { kind: 'done' }> | undefined;
  let lastState: Uint8Array | undefined;

  const fail = (err: Error): void => {
    failure ??= err;
    void worker.terminate();
  };
  // A throwing handler must not leave the thread running unobserved: it fails the run.
  const call = (fn: () => void): void => {
    try {
      fn();
    } catch (err) {
      fail(err instanceof Error ? err : new Error(String(err)));
    }
  };

  const result = new Promise<ColorLutTrainingResult>((resolve, reject) => {
    worker.on('message', (msg: ThreadMessage) => {
      if (failure || cancelled) return;
      if (msg.kind === 'progress') {
        call(() => handlers.onProgress?.({ iteration: msg.iteration, total: msg.total, loss: msg.loss }));
      } else if (msg.kind === 'checkpoint') {
        lastState = msg.state;
        call(() => handlers.onCheckpoint?.({ iteration: msg.iteration, loss: msg.loss, state: msg.state }));
      } else if (msg.kind === 'done') {
        done = msg;
      } else {
        fail(
          new TrainingThreadError(
            `color-lut training failed: ${msg.name}: ${msg.message}`,
            msg.name,
            msg.stack,
          ),
        );
      }
    });
    // Uncaught errors outside the trainer's own try (e.g. the TypeScript loader failing to start).
    worker.on('error', (err) =>
      fail(new TrainingThreadError(`color-lut training thread crashed: ${err.message}`, err.name, err.stack)),
    );
    // Settle on exit rather than on the last message, so a settled result means the thread is gone.
    worker.on('exit', (code) => {
      exited = true;
      if (failure) reject(failure);
      else if (done && lastState) {
        resolve({
          lut: done.lut,
          losses: done.losses,
          iterations: done.iterations,
          finalLoss: done.finalLoss,
          state: lastState,
        });
      } else if (cancelled) reject(new TrainingCancelledError());
      else
        reject(
          new TrainingThreadError(
            `color-lut training thread exited (code ${code}) before finishing`,
            'Error',
          ),
        );
    });
  });

  async function cancel(): Promise<void> {
    if (!exited) {
      if (!done) cancelled = true;
      await worker.terminate();
    }
    // Observes the rejection this causes, so a caller that only cancels gets no unhandled rejection.
    await result.then(
      () => undefined,
      () => undefined,
    );
  }

  return { result, cancel };
}
