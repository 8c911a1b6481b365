import { setTimeout as sleep } from 'node:timers/promises';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { colorLutTrainer } from '../../src/training/color-lut/color-lut-trainer.ts';
import { describeColorLutParams } from '../../src/training/color-lut/params.ts';
import { serializeState } from '../../src/training/color-lut/trainer.ts';
import { parseCube } from '../../src/training/cube-format.ts';
import {
  InvalidParamsError,
  TrainerBadInputError,
  type TrainerCheckpoint,
  type TrainerRun,
} from '../../src/training/trainer.ts';
import { orangeTealReference } from '../harness/images.ts';
import { trainInProcess } from '../harness/reference-trainer.ts';

const pixels = orangeTealReference();
const raw = { lutSize: 17, iterations: 8, seed: 3 };
const reference = trainInProcess(pixels, { lutSize: 17, iterations: 8, seed: 3 });

function fakeRun(overrides: Partial<TrainerRun> = {}) {
  const checkpoints: TrainerCheckpoint[] = [];
  const logs: string[] = [];
  const run: TrainerRun = {
    jobId: 'job-1',
    params: colorLutTrainer.parseParams(raw),
    pixels,
    resume: null,
    checkpointEveryMs: 0,
    signal: new AbortController().signal,
    onProgress: () => undefined,
    onCheckpoint: async (c) => {
      await sleep(5); // a slow store: train() must still wait for every write
      checkpoints.push(c);
    },
    onLog: (line) => logs.push(`${line.level}: ${line.message}`),
    ...overrides,
  };
  return { run, checkpoints, logs };
}

describe('colorLutTrainer', () => {
  it('describes itself and its parameters for GET /v1/base-models', () => {
    expect(colorLutTrainer.name).toBe('color-lut');
    expect(colorLutTrainer.parameters).toEqual(describeColorLutParams());
    expect(colorLutTrainer.totalIterations(colorLutTrainer.parseParams({}))).toBe(100);
  });

  it('names every bad field, including unknown ones', () => {
    const err = (() => {
      try {
        colorLutTrainer.parseParams({ lutSize: 30, strenght: 1 });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InvalidParamsError);
    expect((err as InvalidParamsError).fields.map((f) => f.field).sort()).toEqual(['lutSize', 'strenght']);
  });

  it('trains in a thread and persists every checkpoint before resolving', async () => {
    const { run, checkpoints } = fakeRun();
    const outcome = await colorLutTrainer.train(run);
    expect(outcome).toMatchObject({ iterations: 8, total: 8, finalLoss: reference.state.losses.at(-1) });
    expect(Buffer.from(outcome.finalState)).toEqual(Buffer.from(serializeState(reference.state)));
    expect(checkpoints.map((c) => c.iteration)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(checkpoints[7]).toMatchObject({ total: 8, loss: outcome.finalLoss });
  });

  it('restarts from scratch, with a warning, when the checkpoint is unusable — and ends with the same bytes', async () => {
    const { run, logs } = fakeRun({ resume: { iteration: 4, data: new Uint8Array(64) } });
    const outcome = await colorLutTrainer.train(run);
    expect(logs.join('\n')).toMatch(/warn: ignoring checkpoint of iteration 4/);
    expect(Buffer.from(outcome.finalState)).toEqual(Buffer.from(serializeState(reference.state)));
  });

  it('rejects with the abort reason when the activity is cancelled', async () => {
    const controller = new AbortController();
    const reason = new Error('activity cancelled');
    const { run } = fakeRun({
      params: colorLutTrainer.parseParams({ lutSize: 65, iterations: 1000 }),
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    await expect(colorLutTrainer.train(run)).rejects.toBe(reason);
  });

  it('fails with the storage error when a checkpoint cannot be written', async () => {
    const { run } = fakeRun({ onCheckpoint: () => Promise.reject(new Error('disk full')) });
    await expect(colorLutTrainer.train(run)).rejects.toThrow('disk full');
  });

  it('treats pixels that do not match their size as bad input', async () => {
    const { run } = fakeRun({ pixels: { width: 4, height: 4, data: new Uint8Array(5) } });
    await expect(colorLutTrainer.train(run)).rejects.toBeInstanceOf(TrainerBadInputError);
  });

  it('produces style.cube and preview.png deterministically from the final state', async () => {
    const request = {
      styleName: 'Warm "Teal"',
      params: colorLutTrainer.parseParams(raw),
      finalState: serializeState(reference.state),
      pixels,
    };
    const files = await colorLutTrainer.artifacts(request);
    expect(files.map((f) => f.name)).toEqual(['style.cube', 'preview.png']);
    const cube = parseCube(Buffer.from(files[0].data).toString('utf8'));
    expect(cube.title).toBe('Warm  Teal');
    expect(cube.size).toBe(17);
    expect(Buffer.from(files[0].data).toString('utf8')).toBe(
      reference.cube.replace('TITLE "test"', 'TITLE "Warm  Teal"'),
    );
    expect(PNG.sync.read(Buffer.from(files[1].data)).width).toBe(536);
    const again = await colorLutTrainer.artifacts(request);
    expect(again.map((f) => Buffer.from(f.data).toString('base64'))).toEqual(
      files.map((f) => Buffer.from(f.data).toString('base64')),
    );
    expect(colorLutTrainer.lossCurve(request.finalState)).toEqual(reference.state.losses);
  });
});
