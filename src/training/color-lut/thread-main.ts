/**
 * A pooled colour-LUT training thread (see warm-thread-pool.ts): runs as precompiled
 * JavaScript (thread-bundle.ts), one job per call of the default export, reporting on the
 * job's port. The loop is synchronous; between iterations it reads the shared `cancelled`
 * flag, so a cancelled job stops within one iteration and the thread stays warm.
 */
import { type MessagePort } from 'node:worker_threads';
import { type ThreadMessage, type ThreadOutcome, type ThreadTask } from './thread-protocol.ts';
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

function lastLoss(state: ColorLutState): number {
  return state.losses.length ? state.losses[state.losses.length - 1] : NaN;
}

function train(task: ThreadTask, post: (m: ThreadMessage, transfer?: ArrayBuffer[]) => void): ThreadOutcome {
  const { params } = task;
  const state = task.resumeState ? deserializeState(task.resumeState) : createInitialState(params);
  assertStateMatches(state, params);

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
    const ctx = createTrainingContext(prepareTarget(task.pixels), params);
    while (!isFinished(state, params)) {
      if (Atomics.load(task.cancelled, 0) !== 0) return 'cancelled';
      const loss = stepIteration(state, ctx);
      post({ kind: 'progress', iteration: state.iteration, total: params.iterations, loss });
      if (performance.now() - checkpointedAt >= task.checkpointEveryMs) checkpoint();
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
  return 'finished';
}

export default function runTask(task: ThreadTask): ThreadOutcome {
  const port: MessagePort = task.port;
  const post = (message: ThreadMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  try {
    post({ kind: 'started' });
    return train(task, post);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    post({ kind: 'error', name: e.name, message: e.message, stack: e.stack });
    return 'failed';
  } finally {
    port.close();
  }
}
