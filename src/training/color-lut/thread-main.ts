/**
 * Entry point of a colour-LUT training thread (loaded through `thread-entry.mjs`): runs
 * the pure trainer to the end and reports through `parentPort`. The loop is synchronous
 * on purpose — the caller stops it with `worker.terminate()`, which interrupts it even
 * mid-iteration, so no cancellation polling is needed here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ColorLutParamsSchema } from './params.ts';
import { type ThreadInput, type ThreadMessage } from './thread-protocol.ts';
import {
  assertStateMatches,
  buildLut,
  createInitialState,
  createTrainingContext,
  deserializeState,
  isFinished,
  prepareTarget,
  serializeState,
  stepIteration,
  type ColorLutState,
} from './trainer.ts';

function post(message: ThreadMessage, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(message, transfer);
}

function lastLoss(state: ColorLutState): number {
  return state.losses.length ? state.losses[state.losses.length - 1] : NaN;
}

function run(input: ThreadInput): void {
  // Parsed again on this side: the thread trusts nothing that crossed a boundary.
  const params = ColorLutParamsSchema.parse(input.params);
  const state = input.resumeState ? deserializeState(input.resumeState) : createInitialState(params);
  assertStateMatches(state, params);
  const target = prepareTarget(input.pixels);

  let checkpointedAt = performance.now();
  let checkpointedIteration = -1;
  const checkpoint = (): void => {
    const bytes = serializeState(state);
    post({ kind: 'checkpoint', iteration: state.iteration, loss: lastLoss(state), state: bytes }, [
      bytes.buffer as ArrayBuffer,
    ]);
    checkpointedAt = performance.now();
    checkpointedIteration = state.iteration;
  };

  if (!isFinished(state, params)) {
    const ctx = createTrainingContext(target, params);
    while (!isFinished(state, params)) {
      const loss = stepIteration(state, ctx);
      post({ kind: 'progress', iteration: state.iteration, total: params.iterations, loss });
      if (performance.now() - checkpointedAt >= input.checkpointEveryMs) checkpoint();
    }
  }
  // The final state always ends with a checkpoint (once), even when resuming a finished run,
  // so a caller can rely on the last checkpoint message carrying the final state.
  if (checkpointedIteration !== state.iteration) checkpoint();
  const lut = buildLut(state, params);
  post(
    { kind: 'done', lut, losses: [...state.losses], iterations: state.iteration, finalLoss: lastLoss(state) },
    [lut.buffer as ArrayBuffer],
  );
}

try {
  run(workerData as ThreadInput);
} catch (err) {
  const e = err instanceof Error ? err : new Error(String(err));
  post({ kind: 'error', name: e.name, message: e.message, stack: e.stack });
}
