/**
 * The exact bytes the `color-lut` trainer produces, recorded for its current version. A
 * change here is a change of the trainer's output: bump `colorLutTrainer.version` with it
 * and record the new hashes. Version 2 changed only the rounding of the loss, so the LUTs
 * (and these .cube hashes) are those of version 1; the checkpoints differ in their losses.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { colorLutTrainer } from '../../src/training/color-lut/color-lut-trainer.ts';
import { serializeState } from '../../src/training/color-lut/trainer.ts';
import { type TrainingPixels } from '../../src/training/trainer.ts';
import { greyBlueContent, noisePixels, orangeTealReference } from '../harness/images.ts';
import { trainInProcess } from '../harness/reference-trainer.ts';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

const noise: TrainingPixels = { width: 600, height: 500, data: noisePixels(300_000, 3) };

describe(`color-lut trainer version ${colorLutTrainer.version} output`, () => {
  it('is the recorded version', () => expect(colorLutTrainer.version).toBe('2'));

  it.each([
    [
      'orange/teal, 17³, stopping early',
      orangeTealReference(),
      { lutSize: 17, iterations: 40, patience: 3, seed: 7 },
      15,
      '7b0675e7fe6c46ce947f951bcadfd3cef8d6057ad0c93976fb2c0e5ad32a6695',
      '3c8b02aeb254d1866e50f0d51fa9f2b8393d12052e06fe5ed9b4c4c22ebac779',
    ],
    [
      'grey/blue, 33³, smoothed and blended',
      greyBlueContent(),
      { lutSize: 33, iterations: 5, seed: 1, smoothing: 0.5, strength: 0.8 },
      5,
      'e754ad357bee8799e759cc5b0611933bed0c1063ad1de132738dc190cf92d2bd',
      'a4e06d6b887896b22080a6ed189b3046774098fb346e914a31e077b60646bb0a',
    ],
    [
      'noise subsampled to 262,144 samples, 65³',
      noise,
      { lutSize: 65, iterations: 1, seed: 3 },
      1,
      '8840924db181bac17a1db2057360651dc23d702d5e340367fdf26dba516d9975',
      '87d96f8c1e59ef5fe5a942c54270ef6e8dbfaf2ec8f57feea51b155c96cb33d6',
    ],
  ] as const)('%s', (_name, pixels, params, iterations, stateSha, cubeSha) => {
    const run = trainInProcess(pixels, params);
    expect(run.state.iteration).toBe(iterations);
    expect(sha256(serializeState(run.state))).toBe(stateSha);
    expect(run.cubeSha256).toBe(cubeSha);
  });
});
