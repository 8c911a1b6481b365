import { describe, expect, it } from 'vitest';
import {
  createInitialState,
  deserializeState,
  serializeState,
} from '../../src/training/color-lut/trainer.ts';
import { orangeTealReference } from '../harness/images.ts';
import { trainInProcess } from '../harness/reference-trainer.ts';

const reference = orangeTealReference();
const raw = { lutSize: 17 as const, iterations: 60, patience: 3, seed: 99 };
const uninterrupted = trainInProcess(reference, raw);

/** The checkpoint a run interrupted after k iterations would have written. */
const checkpointAfter = (k: number): Uint8Array =>
  serializeState(trainInProcess(reference, raw, { stopAfter: k }).state);

describe('resume from a checkpoint', () => {
  it('the reference run stops early, and passes through states with pending early-stop counts', () => {
    expect(uninterrupted.state.done).toBe(true);
    expect(uninterrupted.state.iteration).toBeLessThan(60);
    expect(uninterrupted.state.iteration).toBeGreaterThan(17);
    expect(deserializeState(checkpointAfter(5)).staleIterations).toBeGreaterThan(0);
  });

  const last = uninterrupted.state.iteration - 1;
  it.each([0, 1, 4, 5, 17, last])(
    'after %i iterations gives the same .cube bytes and state as an uninterrupted run',
    (k) => {
      const resumed = trainInProcess(reference, raw, { state: deserializeState(checkpointAfter(k)) });
      expect(resumed.cubeSha256).toBe(uninterrupted.cubeSha256);
      expect(Buffer.from(serializeState(resumed.state))).toEqual(
        Buffer.from(serializeState(uninterrupted.state)),
      );
    },
  );

  it('from the final checkpoint reproduces the final LUT without further iterations', () => {
    const final = deserializeState(serializeState(uninterrupted.state));
    const resumed = trainInProcess(reference, raw, { state: final });
    expect(resumed.state.iteration).toBe(uninterrupted.state.iteration);
    expect(resumed.cube).toBe(uninterrupted.cube);
  });
});

describe('state codec', () => {
  const bytes = checkpointAfter(6);

  it('round-trips every field bit-exactly', () => {
    const state = deserializeState(bytes);
    expect(state.iteration).toBe(6);
    expect(state.losses).toHaveLength(6);
    expect(state.bestLoss).toBe(Math.min(...state.losses));
    expect(Buffer.from(serializeState(state))).toEqual(Buffer.from(bytes));
    const fresh = deserializeState(serializeState(createInitialState({ seed: 3, lutSize: 33 })));
    expect(fresh).toMatchObject({
      seed: 3,
      lutSize: 33,
      iteration: 0,
      losses: [],
      bestLoss: Infinity,
      staleIterations: 0,
      done: false,
    });
  });

  it('reads a copy at an odd byte offset (e.g. a slice of a larger buffer)', () => {
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(deserializeState(padded.subarray(3)).samples).toEqual(deserializeState(bytes).samples);
  });

  const corrupt = (edit: (b: Uint8Array) => Uint8Array) => () =>
    deserializeState(edit(Uint8Array.from(bytes)));
  it.each([
    ['a flipped sample bit', (b: Uint8Array) => ((b[1000] ^= 1), b), /checksum mismatch/],
    ['a flipped checksum bit', (b: Uint8Array) => ((b[b.length - 1] ^= 0x80), b), /checksum mismatch/],
    ['truncation', (b: Uint8Array) => b.subarray(0, b.length - 100), /checksum mismatch/],
    ['a tiny buffer', () => new Uint8Array(10), /too short/],
    ['another file type', (b: Uint8Array) => (b.set(Buffer.from('\x89PNG\r\n\x1a\n'), 0), b), /wrong magic/],
  ])('rejects %s with a clear error', (_what, edit, message) => {
    expect(corrupt(edit)).toThrow(
      expect.objectContaining({ name: 'ColorLutStateError', message: expect.stringMatching(message) }),
    );
  });

  it('rejects a well-formed checkpoint of an unknown format version', async () => {
    const { createHash } = await import('node:crypto');
    const b = Uint8Array.from(bytes);
    new DataView(b.buffer).setUint32(8, 1, true); // trainer 1's checkpoints: the same layout, other losses
    const body = b.length - 32;
    b.set(createHash('sha256').update(b.subarray(0, body)).digest(), body);
    expect(() => deserializeState(b)).toThrow(/unsupported format version 1/);
  });
});
