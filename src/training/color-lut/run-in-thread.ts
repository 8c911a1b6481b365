/**
 * Runs one colour-LUT training on a warm pooled thread (warm-thread-pool.ts), so the
 * CPU-bound iterations never block the caller's event loop (heartbeats, HTTP, timers keep
 * flowing) and a job pays no thread start. `cancel()` stops the job after its running
 * iteration and leaves the thread warm for the next one.
 */
import { type z } from 'zod';
import { type TrainingPixels } from '../trainer.ts';
import { ThreadStoppedError, WarmThreadPool } from '../warm-thread-pool.ts';
import { ColorLutParamsSchema } from './params.ts';
import { colorLutThreadBundle } from './thread-bundle.ts';
import { type ThreadInput, type ThreadMessage, type ThreadOutcome } from './thread-protocol.ts';
import { TrainingCancelledError, TrainingThreadError } from './training-errors.ts';

export { TrainingCancelledError, TrainingThreadError } from './training-errors.ts';

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
  /** Settles once the job has left its thread: resolves when training finished, rejects otherwise. */
  result: Promise<ColorLutTrainingResult>;
  /** Stops the job; `result` then rejects with `TrainingCancelledError` unless it already finished. */
  cancel(): Promise<void>;
}

export type ColorLutThreadPoolOptions = { threads: number; hangTimeoutMs?: number; cancelGraceMs?: number };

/** Training threads running the precompiled trainer; nothing starts before the first job or `warmUp()`. */
export function createColorLutThreadPool(options: ColorLutThreadPoolOptions): WarmThreadPool {
  return new WarmThreadPool({ entry: colorLutThreadBundle, ...options });
}

let sharedPool: WarmThreadPool | undefined;

/** One thread shared by whoever passes no pool of their own (tests, one-off tools). */
export function sharedColorLutThreadPool(): WarmThreadPool {
  return (sharedPool ??= createColorLutThreadPool({ threads: 1 }));
}

export function startColorLutTraining(
  input: ColorLutTrainingInput,
  handlers: ColorLutTrainingHandlers = {},
  pool: WarmThreadPool = sharedColorLutThreadPool(),
): ColorLutTrainingHandle {
  const params = ColorLutParamsSchema.parse(input.params);
  const checkpointEveryMs = input.checkpointEveryMs ?? 2000;
  if (!(checkpointEveryMs >= 0))
    throw new RangeError(`checkpointEveryMs must be ≥ 0, got ${checkpointEveryMs}`);
  const job: ThreadInput = {
    pixels: input.pixels,
    params,
    resumeState: input.resumeState ?? null,
    checkpointEveryMs,
  };

  let cancelled = false;
  let failure: Error | undefined;
  let done: Extract<ThreadMessage, { kind: 'done' }> | undefined;
  let lastState: Uint8Array | undefined;

  const fail = (err: Error): void => {
    failure ??= err;
    void task.cancel();
  };
  // A throwing handler must not leave the job running unobserved: it fails the run.
  const call = (fn: () => void): void => {
    try {
      fn();
    } catch (err) {
      fail(err instanceof Error ? err : new Error(String(err)));
    }
  };
  const onMessage = (msg: ThreadMessage): void => {
    if (failure || cancelled) return;
    if (msg.kind === 'progress') {
      call(() => handlers.onProgress?.({ iteration: msg.iteration, total: msg.total, loss: msg.loss }));
    } else if (msg.kind === 'checkpoint') {
      lastState = msg.state;
      call(() => handlers.onCheckpoint?.({ iteration: msg.iteration, loss: msg.loss, state: msg.state }));
    } else if (msg.kind === 'done') {
      done = msg;
    } else if (msg.kind === 'error') {
      fail(
        new TrainingThreadError(
          `color-lut training failed: ${msg.name}: ${msg.message}`,
          msg.name,
          msg.stack,
        ),
      );
    }
  };
  const task = pool.run<ThreadOutcome>(job, (msg) => onMessage(msg as ThreadMessage));

  const result = task.result.then(
    (outcome): ColorLutTrainingResult => {
      if (failure) throw failure;
      if (outcome === 'finished' && done && lastState) {
        const { lut, losses, iterations, finalLoss } = done;
        return { lut, losses, iterations, finalLoss, state: lastState };
      }
      if (cancelled) throw new TrainingCancelledError();
      throw new TrainingThreadError(`color-lut training thread ended (${outcome}) without a result`, 'Error');
    },
    (err: unknown): never => {
      if (failure) throw failure;
      if (cancelled) throw new TrainingCancelledError();
      const e = err instanceof Error ? err : new Error(String(err));
      const why =
        e instanceof ThreadStoppedError ? e.message : `color-lut training thread crashed: ${e.message}`;
      throw new TrainingThreadError(why, e.name, e.stack);
    },
  );

  return {
    result,
    async cancel() {
      if (!done) cancelled = true;
      await task.cancel();
      // Observes the rejection this causes, so a caller that only cancels gets no unhandled rejection.
      await result.then(
        () => undefined,
        () => undefined,
      );
    },
  };
}
