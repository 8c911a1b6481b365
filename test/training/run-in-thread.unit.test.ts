import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import {
  TrainingCancelledError,
  TrainingThreadError,
  createColorLutThreadPool,
  startColorLutTraining,
} from '../../src/training/color-lut/run-in-thread.ts';
import { ColorLutParamsSchema } from '../../src/training/color-lut/params.ts';
import { type ThreadMessage } from '../../src/training/color-lut/thread-protocol.ts';
import { deserializeState, serializeState } from '../../src/training/color-lut/trainer.ts';
import { orangeTealReference } from '../harness/images.ts';
import { trainInProcess } from '../harness/reference-trainer.ts';

const pixels = orangeTealReference();
const params = { lutSize: 17 as const, iterations: 12, seed: 5 };
const reference = trainInProcess(pixels, params);
const messagePorts = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;

describe('startColorLutTraining', () => {
  it('reports progress every iteration, checkpoints, and matches the in-process result byte for byte', async () => {
    const progress: number[] = [];
    const checkpoints: { iteration: number; loss: number; state: Uint8Array }[] = [];
    const handle = startColorLutTraining(
      { pixels, params, checkpointEveryMs: 0 },
      { onProgress: (p) => progress.push(p.iteration), onCheckpoint: (c) => checkpoints.push(c) },
    );
    const result = await handle.result;

    expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(checkpoints.map((c) => c.iteration)).toEqual(progress); // every 0 ms = after every iteration, final one not repeated
    expect(checkpoints.map((c) => c.loss)).toEqual(reference.state.losses);
    expect(Buffer.from(result.lut.buffer)).toEqual(Buffer.from(reference.lut.buffer));
    expect(result.losses).toEqual(reference.state.losses);
    expect(result.iterations).toBe(12);
    expect(result.finalLoss).toBe(reference.state.losses.at(-1));
    expect(Buffer.from(result.state)).toEqual(Buffer.from(serializeState(reference.state)));
    expect(result.state).toBe(checkpoints.at(-1)!.state);
  });

  it('checkpoints at most every checkpointEveryMs, and always at the end', async () => {
    const checkpoints: number[] = [];
    const { result } = startColorLutTraining(
      { pixels, params, checkpointEveryMs: 60_000 },
      { onCheckpoint: (c) => checkpoints.push(c.iteration) },
    );
    await result;
    expect(checkpoints).toEqual([12]);
  });

  it('resumes from a checkpoint taken in a thread to the same bytes', async () => {
    let fourth: Uint8Array | undefined;
    const first = startColorLutTraining(
      { pixels, params, checkpointEveryMs: 0 },
      { onCheckpoint: (c) => void (c.iteration === 4 && (fourth = c.state)) },
    );
    await first.result;
    expect(deserializeState(fourth!).iteration).toBe(4);
    const progress: number[] = [];
    const resumed = await startColorLutTraining(
      { pixels, params, resumeState: fourth },
      { onProgress: (p) => progress.push(p.iteration) },
    ).result;
    expect(progress).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(Buffer.from(resumed.lut.buffer)).toEqual(Buffer.from(reference.lut.buffer));
    expect(resumed.losses).toEqual(reference.state.losses);
  });

  it('keeps the caller’s event loop free while it trains', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const seen: number[] = [];
    try {
      await startColorLutTraining(
        { pixels: orangeTealReference(256, 256), params: { lutSize: 33, iterations: 15 } },
        { onProgress: () => seen.push(ticks) },
      ).result;
    } finally {
      clearInterval(timer);
    }
    // Timer callbacks ran between the first and the last iteration: nothing blocked this thread.
    expect(seen.at(-1)! - seen[0]).toBeGreaterThanOrEqual(3);
  });

  it('cancel() stops the job within about one iteration, rejects the result and stops all callbacks', async () => {
    const portsBefore = messagePorts();
    let progress = 0;
    const handle = startColorLutTraining(
      { pixels, params: { lutSize: 65, iterations: 1000, patience: 100 } },
      { onProgress: () => progress++ },
    );
    while (progress === 0) await sleep(10);
    await handle.cancel();
    await expect(handle.result).rejects.toBeInstanceOf(TrainingCancelledError);
    const atCancel = progress;
    await sleep(200);
    expect(progress).toBe(atCancel);
    expect(messagePorts()).toBe(portsBefore); // the job's port is closed; the idle thread holds nothing
    await handle.cancel(); // idempotent
  });

  it('cancel() after completion leaves the result resolved', async () => {
    const handle = startColorLutTraining({ pixels, params });
    const result = await handle.result;
    await handle.cancel();
    await expect(handle.result).resolves.toBe(result);
  });

  it.each([
    [
      'a corrupt checkpoint',
      { resumeState: new Uint8Array(200) },
      'ColorLutStateError',
      /invalid color-lut checkpoint/,
    ],
    [
      'a checkpoint of another run',
      { resumeState: serializeState({ ...reference.state, seed: 6 }) },
      'RangeError',
      /seed 6/,
    ],
    [
      'pixels of the wrong size',
      { pixels: { width: 10, height: 10, data: new Uint8Array(7) } },
      'RangeError',
      /expected 300 bytes/,
    ],
  ])('rejects the result with a useful error for %s', async (_what, override, causeName, message) => {
    const { result } = startColorLutTraining({ pixels, params, ...override });
    const err = await result.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TrainingThreadError);
    expect((err as TrainingThreadError).causeName).toBe(causeName);
    expect((err as Error).message).toMatch(message);
    expect((err as TrainingThreadError).causeStack).toMatch(/\.ts/);
  });

  it('rejects a throwing progress handler’s error and stops the thread', async () => {
    const { result } = startColorLutTraining(
      { pixels, params },
      {
        onProgress: () => {
          throw new Error('handler broke');
        },
      },
    );
    await expect(result).rejects.toThrow('handler broke');
  });

  it('validates params synchronously, before starting a thread', () => {
    expect(() => startColorLutTraining({ pixels, params: { lutSize: 20 as 17 } })).toThrow(/lutSize/);
  });
});

describe('startColorLutTraining on a warm pool', () => {
  const pool = createColorLutThreadPool({ threads: 1 });
  afterAll(() => pool.close());
  const threadIds = async () => (await pool.threads()).map((t) => t.threadId);
  const train = (extra: Partial<Parameters<typeof startColorLutTraining>[0]> = {}, handlers = {}) =>
    startColorLutTraining({ pixels, params, ...extra }, handlers, pool);

  it('runs job after job on the same thread, a cancelled one included', async () => {
    await pool.warmUp();
    const before = await threadIds();
    expect(before).toHaveLength(1);
    expect(Buffer.from((await train().result).lut.buffer)).toEqual(Buffer.from(reference.lut.buffer));

    let progress = 0;
    const long = train(
      { params: { lutSize: 65, iterations: 1000, patience: 100 } },
      { onProgress: () => progress++ },
    );
    while (progress === 0) await sleep(10);
    await long.cancel();
    await expect(long.result).rejects.toBeInstanceOf(TrainingCancelledError);

    const after = await train().result;
    expect(Buffer.from(after.lut.buffer)).toEqual(Buffer.from(reference.lut.buffer));
    expect(await threadIds()).toEqual(before);
  });

  it('a cancelled thread finishes at most the iteration it was running', async () => {
    const job = {
      pixels,
      params: ColorLutParamsSchema.parse({ lutSize: 65, iterations: 1000, patience: 100 }),
    };
    let iterations = 0;
    let afterCancel = -1;
    const task = pool.run({ ...job, resumeState: null, checkpointEveryMs: 60_000 }, (m) => {
      if ((m as ThreadMessage).kind !== 'progress') return;
      iterations++;
      if (afterCancel >= 0) afterCancel++;
    });
    while (iterations < 2) await sleep(10);
    afterCancel = 0;
    await task.cancel();
    expect(await task.result).toBe('cancelled');
    expect(afterCancel).toBeLessThanOrEqual(1);
  });

  it('replaces a thread killed under a job; the next job trains on the new one', async () => {
    let progress = 0;
    const doomed = train(
      { params: { lutSize: 65, iterations: 1000, patience: 100 } },
      { onProgress: () => progress++ },
    );
    while (progress === 0) await sleep(10);
    const [victim] = await pool.threads();
    await victim.terminate();
    const err = await doomed.result.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TrainingThreadError);
    expect((err as Error).message).toMatch(/thread crashed/);

    const next = await train().result;
    expect(Buffer.from(next.lut.buffer)).toEqual(Buffer.from(reference.lut.buffer));
    expect(await threadIds()).not.toContain(victim.threadId);
  });
});
