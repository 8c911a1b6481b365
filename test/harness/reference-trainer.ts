/**
 * The reference every trained result is compared with: the pure colour-LUT trainer run
 * in this thread (no Temporal, no worker thread, no checkpoints). A job that was killed,
 * retried, paused or resumed any number of times must produce these bytes.
 */
import { createHash } from 'node:crypto';
import { type z } from 'zod';
import { decodeForTraining } from '../../src/imaging/decode-image.ts';
import { ColorLutParamsSchema, type ColorLutParams } from '../../src/training/color-lut/params.ts';
import {
  buildLut,
  createInitialState,
  createTrainingContext,
  isFinished,
  prepareTarget,
  stepIteration,
  type ColorLutState,
} from '../../src/training/color-lut/trainer.ts';
import { writeCube } from '../../src/training/cube-format.ts';
import { type TrainingPixels } from '../../src/training/trainer.ts';

export interface InProcessRun {
  params: ColorLutParams;
  state: ColorLutState;
  /** The training context, to step `state` further by hand. */
  ctx: ReturnType<typeof createTrainingContext>;
  lut: Float64Array;
  cube: string;
  cubeSha256: string;
}

export interface InProcessOptions {
  /** Continue this state (e.g. a deserialized checkpoint) instead of a fresh one. */
  state?: ColorLutState;
  /** Stop once the state has this many iterations (a run interrupted there), if it has not finished before. */
  stopAfter?: number;
  /** The .cube's TITLE; the worker writes the job's style name. */
  title?: string;
}

/** Steps the state until the trainer says it is finished (or `stopAfter`), then builds the LUT and its .cube. */
export function trainInProcess(
  pixels: TrainingPixels,
  rawParams: z.input<typeof ColorLutParamsSchema>,
  opts: InProcessOptions = {},
): InProcessRun {
  const params = ColorLutParamsSchema.parse(rawParams);
  const ctx = createTrainingContext(prepareTarget(pixels), params);
  const state = opts.state ?? createInitialState(params);
  const stopAfter = opts.stopAfter ?? Infinity;
  while (!isFinished(state, params) && state.iteration < stopAfter) stepIteration(state, ctx);
  const lut = buildLut(state, params);
  const cube = writeCube({ title: opts.title ?? 'test', size: params.lutSize, data: lut });
  return { params, state, ctx, lut, cube, cubeSha256: createHash('sha256').update(cube).digest('hex') };
}

/** Must match the worker's MAX_INPUT_PIXELS / MAX_TRAINING_PIXELS (the defaults; clusters do not override them). */
const DECODE_LIMITS = { maxInputPixels: 40_000_000, maxTrainingPixels: 1_048_576 };

export interface ReferenceInput {
  image: Buffer;
  params: Record<string, unknown>;
  styleName: string;
}

/** The sha256 of the style.cube a job with this image, params and style name must publish. */
export async function referenceCubeSha256(input: ReferenceInput): Promise<string> {
  const decoded = await decodeForTraining(input.image, DECODE_LIMITS);
  const params = ColorLutParamsSchema.parse(input.params);
  return trainInProcess(decoded.pixels, params, { title: input.styleName }).cubeSha256;
}
