import { describe, expect, it } from 'vitest';
import { slicedWasserstein } from '../../src/training/color-lut/sliced-wasserstein.ts';
import { rgb8ToUnit } from '../../src/training/color-lut/target.ts';
import { applyLutToRgb8 } from '../../src/training/lut-apply.ts';
import { greyBlueContent, orangeTealReference } from '../harness/images.ts';
import { trainInProcess } from '../harness/reference-trainer.ts';

// A hang guard, not a speed bound: a full default training takes seconds alone, minutes on a loaded 2-core machine.
const FULL_TRAINING_TIMEOUT_MS = 300_000;

describe('quality: the learned LUT moves other images toward the reference look', () => {
  const reference = orangeTealReference();
  const content = greyBlueContent(); // different content, different colours, different size
  const target = rgb8ToUnit(reference.data);
  const distanceAfter = (lut: Float64Array, lutSize: number) =>
    slicedWasserstein(rgb8ToUnit(applyLutToRgb8(content.data, lut, lutSize)), target);
  const before = slicedWasserstein(rgb8ToUnit(content.data), target);

  it(
    'cuts the sliced Wasserstein distance of a grey-blue image to an orange/teal reference by at least 30 %',
    () => {
      const { lut, params } = trainInProcess(reference, {}); // defaults: lutSize 33, up to 100 iterations
      const after = distanceAfter(lut, params.lutSize);
      expect(before).toBeGreaterThan(0.1); // the two images really do differ to start with
      expect(after).toBeLessThan(0.7 * before);
    },
    FULL_TRAINING_TIMEOUT_MS,
  );

  it('strength scales the effect: 0 changes nothing, 0.5 lands in between', () => {
    const zero = trainInProcess(reference, { lutSize: 17, iterations: 30, strength: 0 });
    const half = trainInProcess(reference, { lutSize: 17, iterations: 30, strength: 0.5 });
    const full = trainInProcess(reference, { lutSize: 17, iterations: 30, strength: 1 });
    expect(distanceAfter(zero.lut, 17)).toBe(before);
    const h = distanceAfter(half.lut, 17);
    expect(h).toBeLessThan(before);
    expect(h).toBeGreaterThan(distanceAfter(full.lut, 17));
  });
});
