/**
 * The clean-run reference of a deterministic job, computed in this process with the
 * pure trainer (no Temporal, no threads, no checkpoints): decode as the worker does,
 * train to the end, write the .cube with the job's style name as its title. A job
 * that was killed, retried and resumed any number of times must produce these bytes.
 */
import { createHash } from 'node:crypto';
import { decodeForTraining } from '../../src/imaging/decode-image.ts';
import { ColorLutParamsSchema } from '../../src/training/color-lut/params.ts';
import {
  buildLut,
  createInitialState,
  createTrainingContext,
  isFinished,
  prepareTarget,
  stepIteration,
} from '../../src/training/color-lut/trainer.ts';
import { writeCube } from '../../src/training/cube-format.ts';

/** Must match the worker's MAX_INPUT_PIXELS / MAX_TRAINING_PIXELS (the defaults; the cluster does not override them). */
const DECODE_LIMITS = { maxInputPixels: 40_000_000, maxTrainingPixels: 1_048_576 };

export interface ReferenceInput {
  image: Buffer;
  params: Record<string, unknown>;
  styleName: string;
}

export async function referenceCubeSha256(input: ReferenceInput): Promise<string> {
  const decoded = await decodeForTraining(input.image, DECODE_LIMITS);
  const params = ColorLutParamsSchema.parse(input.params);
  const ctx = createTrainingContext(prepareTarget(decoded.pixels), params);
  const state = createInitialState(params);
  while (!isFinished(state, params)) stepIteration(state, ctx);
  const cube = writeCube({ title: input.styleName, size: params.lutSize, data: buildLut(state, params) });
  return createHash('sha256').update(cube, 'utf8').digest('hex');
}
