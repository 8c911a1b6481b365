/**
 * trainer_iterations_per_s_<lutSize>: the pure colour-LUT trainer (the code the
 * training thread runs) on a 1024×768 synthetic photo, in this process, after two
 * warm-up iterations. Early stopping is disabled so every measured iteration is real work.
 */
import { decodeForTraining } from '../src/imaging/decode-image.ts';
import { ColorLutParamsSchema } from '../src/training/color-lut/params.ts';
import {
  createInitialState,
  createTrainingContext,
  prepareTarget,
  stepIteration,
} from '../src/training/color-lut/trainer.ts';
import { photoJpeg } from '../test/harness/images.ts';

const MEASURE_MS = 4_000;

export async function trainerSpeed(): Promise<Record<string, number>> {
  const decoded = await decodeForTraining(await photoJpeg(1024, 768), { maxInputPixels: 40_000_000 });
  const target = prepareTarget(decoded.pixels);
  const out: Record<string, number> = {};
  for (const lutSize of [17, 33, 65] as const) {
    const params = ColorLutParamsSchema.parse({ lutSize, iterations: 1000, patience: 100, seed: 1 });
    const ctx = createTrainingContext(target, params);
    const state = createInitialState(params);
    stepIteration(state, ctx);
    stepIteration(state, ctx);
    const start = performance.now();
    let n = 0;
    // At least 5 iterations, and at least MEASURE_MS of them.
    while (n < 5 || performance.now() - start < MEASURE_MS) {
      stepIteration(state, ctx);
      n += 1;
      if (state.done) break;
    }
    out[`trainer_iterations_per_s_${lutSize}`] = n / ((performance.now() - start) / 1000);
  }
  return out;
}
