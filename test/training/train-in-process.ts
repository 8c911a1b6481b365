/** Runs the pure trainer to completion in this thread: the reference the threaded runner must match. */
import { createHash } from 'node:crypto';
import { type z } from 'zod';
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
  lut: Float64Array;
  cube: string;
  cubeSha256: string;
}

/** Continues `state` (or a fresh one) until finished. */
export function trainInProcess(
  pixels: TrainingPixels,
  rawParams: z.input<typeof ColorLutParamsSchema>,
  state?: ColorLutState,
): InProcessRun {
  const params = ColorLutParamsSchema.parse(rawParams);
  const ctx = createTrainingContext(prepareTarget(pixels), params);
  const s = state ?? createInitialState(params);
  while (!isFinished(s, params)) stepIteration(s, ctx);
  const lut = buildLut(s, params);
  const cube = writeCube({ title: 'test', size: params.lutSize, data: lut });
  return { params, state: s, lut, cube, cubeSha256: createHash('sha256').update(cube).digest('hex') };
}
