/**
 * The job the BullMQ peer runs, doing the same work as an Atelier job with the same
 * code: decode the uploaded image with sharp (decodeForTraining, as decodeImage
 * does), run the real colour-LUT trainer in-process, and publish the .cube file.
 * What it leaves out is everything Atelier adds: checkpoints, heartbeats, previews,
 * manifests, history.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
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

/** The worker's defaults (MAX_INPUT_PIXELS, MAX_TRAINING_PIXELS). */
const DECODE_LIMITS = { maxInputPixels: 40_000_000, maxTrainingPixels: 1_048_576 };

export interface StyleJobData {
  styleName: string;
  imageBase64: string;
  params: Record<string, unknown>;
  /** Report every iteration (the recovery measurement watches them). */
  reportIterations?: boolean;
}

export async function runStyleJob(
  jobId: string,
  data: StyleJobData,
  outDir: string,
  onIteration: (iteration: number) => Promise<void>,
): Promise<string> {
  const decoded = await decodeForTraining(Buffer.from(data.imageBase64, 'base64'), DECODE_LIMITS);
  const params = ColorLutParamsSchema.parse(data.params);
  const ctx = createTrainingContext(prepareTarget(decoded.pixels), params);
  const state = createInitialState(params);
  while (!isFinished(state, params)) {
    stepIteration(state, ctx);
    if (data.reportIterations) await onIteration(state.iteration);
  }
  const cube = writeCube({ title: data.styleName, size: params.lutSize, data: buildLut(state, params) });
  const file = path.join(outDir, `${jobId}.cube`);
  await writeFile(file, cube);
  return file;
}
