/**
 * The built-in `color-lut` trainer as the rest of Atelier sees it (`Trainer`): parameter
 * validation, a training run on a warm pooled thread wired to the activity's progress,
 * checkpoint and abort plumbing, and the deterministic artifacts `style.cube` and
 * `preview.png`.
 */
import { writeCube } from '../cube-format.ts';
import { renderPreviewPng } from '../preview.ts';
import {
  InvalidParamsError,
  TrainerBadInputError,
  type Trainer,
  type TrainerRun,
  type TrainingPixels,
} from '../trainer.ts';
import { type ColorLutParams, ColorLutParamsSchema, describeColorLutParams } from './params.ts';
import {
  createColorLutThreadPool,
  sharedColorLutThreadPool,
  startColorLutTraining,
} from './run-in-thread.ts';
import { type WarmThreadPool } from '../warm-thread-pool.ts';
import { assertStateMatches, buildLut, deserializeState } from './trainer.ts';

function parse(raw: Record<string, unknown>): ColorLutParams {
  const parsed = ColorLutParamsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: key, message: 'unknown parameter of color-lut' }))
      : [{ field: issue.path.join('.') || '(params)', message: issue.message }],
  );
  throw new InvalidParamsError(
    `invalid color-lut params: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
    fields,
  );
}

function checkPixels({ width, height, data }: TrainingPixels): void {
  if (!(width > 0 && height > 0 && data.length === width * height * 3)) {
    throw new TrainerBadInputError(
      `training pixels must be ${width}×${height} RGB8 (${width * height * 3} bytes), got ${data.length}`,
    );
  }
}

/**
 * The checkpoint to continue from, or null. An unreadable or foreign checkpoint is dropped
 * rather than failing the job: training is deterministic, so starting over yields the very
 * bytes the interrupted run would have produced — only the time is lost.
 */
function usableResume(run: TrainerRun, params: ColorLutParams): Uint8Array | null {
  if (!run.resume) return null;
  try {
    assertStateMatches(deserializeState(run.resume.data), params);
    return run.resume.data;
  } catch (err) {
    run.onLog?.({
      level: 'warn',
      message: `ignoring checkpoint of iteration ${run.resume.iteration}, restarting: ${String(err)}`,
    });
    return null;
  }
}

async function train(run: TrainerRun, pool: WarmThreadPool) {
  run.signal.throwIfAborted();
  const params = parse(run.params);
  checkPixels(run.pixels);
  const resumeState = usableResume(run, params);

  // Checkpoints are persisted one at a time, in order; the thread keeps training meanwhile.
  let writes = Promise.resolve();
  let writeError: unknown;
  const handle = startColorLutTraining(
    {
      pixels: run.pixels,
      params,
      resumeState: resumeState ?? undefined,
      checkpointEveryMs: run.checkpointEveryMs,
    },
    {
      onProgress: (p) => run.onProgress(p),
      onCheckpoint: (c) => {
        writes = writes
          .then(() =>
            run.onCheckpoint({
              iteration: c.iteration,
              total: params.iterations,
              loss: c.loss,
              data: c.state,
            }),
          )
          .catch((err: unknown) => {
            writeError ??= err;
            return handle.cancel();
          });
      },
    },
    pool,
  );
  const onAbort = () => void handle.cancel();
  run.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await handle.result.finally(() => writes);
    if (writeError !== undefined) throw writeError;
    return {
      iterations: result.iterations,
      total: params.iterations,
      finalLoss: result.finalLoss,
      finalState: result.state,
    };
  } catch (err) {
    await writes;
    if (writeError !== undefined) throw writeError;
    if (run.signal.aborted) throw run.signal.reason;
    throw err;
  } finally {
    run.signal.removeEventListener('abort', onAbort);
  }
}

export interface ColorLutTrainerOptions {
  /** Training threads kept warm: one per training slot of the worker. */
  threads?: number;
}

/** The trainer with its own thread pool; threads start on `warmUp()` or the first job. */
export function createColorLutTrainer(options: ColorLutTrainerOptions = {}): Trainer {
  const pool = createColorLutThreadPool({ threads: options.threads ?? 1 });
  return {
    ...colorLutTrainer,
    train: (run) => train(run, pool),
    warmUp: () => pool.warmUp(),
    close: () => pool.close(),
  };
}

/** The trainer on a shared one-thread pool (the default of `startColorLutTraining`). */
export const colorLutTrainer: Trainer = {
  name: 'color-lut',
  description:
    'Learns a 3-D colour LUT that re-grades any image toward the reference image’s colour distribution ' +
    '(iterative distribution transfer, Pitié et al. 2005/2007). CPU only; outputs an Adobe .cube LUT.',
  // 2: the loss is computed without sorting (binned-wasserstein.ts): the same value, rounded differently.
  version: '2',
  parameters: describeColorLutParams(),
  parseParams: parse,
  totalIterations: (params) => parse(params).iterations,
  train: (run) => train(run, sharedColorLutThreadPool()),
  async artifacts({ styleName, params, finalState, pixels }) {
    const p = parse(params);
    const state = deserializeState(finalState);
    assertStateMatches(state, p);
    const lut = buildLut(state, p);
    const cube = Buffer.from(writeCube({ title: styleName, size: state.lutSize, data: lut }), 'utf8');
    return [
      { name: 'style.cube', data: cube },
      { name: 'preview.png', data: await renderPreviewPng(lut, state.lutSize, pixels) },
    ];
  },
  lossCurve: (finalState) => deserializeState(finalState).losses,
};
