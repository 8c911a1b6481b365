import { describe, expect, it } from 'vitest';
import { ColorLutParamsSchema } from '../../src/training/color-lut/params.ts';
import {
  buildLut,
  createInitialState,
  createTrainingContext,
  prepareTarget,
  stepIteration,
} from '../../src/training/color-lut/trainer.ts';
import { identityLattice } from '../../src/training/color-lut/state.ts';
import { orangeTealReference } from '../harness/images.ts';
import { trainInProcess } from '../harness/reference-trainer.ts';

const reference = orangeTealReference();

describe('training', () => {
  it('decreases the loss, reported once per iteration', () => {
    const { state } = trainInProcess(reference, { lutSize: 17, iterations: 25, patience: 100 });
    expect(state.losses).toHaveLength(25);
    expect(state.iteration).toBe(25);
    expect(state.done).toBe(true);
    // Starting from the uniform cube, the first iterations remove most of the distance.
    expect(state.losses.at(-1)!).toBeLessThan(0.25 * state.losses[0]);
    expect(Math.min(...state.losses.slice(15))).toBeLessThan(Math.min(...state.losses.slice(0, 5)));
  });

  it('stops early after `patience` iterations without enough improvement', () => {
    // A single-colour reference: one iteration collapses the lattice onto it, then nothing improves.
    const flat = { width: 8, height: 8, data: new Uint8Array(8 * 8 * 3).fill(128) };
    const { state } = trainInProcess(flat, { lutSize: 17, iterations: 100, patience: 3 });
    expect(state.done).toBe(true);
    expect(state.iteration).toBeLessThan(100);
    expect(state.staleIterations).toBe(3);
    expect(state.losses.at(-1)!).toBeLessThan(1e-9);
  });

  it('runs exactly `iterations` when the loss keeps improving, and refuses to step past the end', () => {
    const { state, ctx } = trainInProcess(reference, { lutSize: 17, iterations: 3 });
    expect(state.iteration).toBe(3);
    expect(() => stepIteration(state, ctx)).toThrow(/already finished/);
  });

  it('refuses a state from a run with another seed or lattice size', () => {
    const params = ColorLutParamsSchema.parse({ lutSize: 17, seed: 1 });
    const ctx = createTrainingContext(prepareTarget(reference), params);
    expect(() => stepIteration(createInitialState({ ...params, seed: 2 }), ctx)).toThrow(/seed 2/);
  });
});

describe('determinism', () => {
  it('same inputs and seed give byte-identical .cube files; another seed gives different ones', () => {
    const a = trainInProcess(reference, { lutSize: 17, iterations: 12, seed: 7 });
    const b = trainInProcess(reference, { lutSize: 17, iterations: 12, seed: 7 });
    const c = trainInProcess(reference, { lutSize: 17, iterations: 12, seed: 8 });
    expect(b.cube).toBe(a.cube);
    expect(b.cubeSha256).toBe(a.cubeSha256);
    expect(c.cubeSha256).not.toBe(a.cubeSha256);
  });
});

describe('buildLut', () => {
  const trained = trainInProcess(reference, { lutSize: 17, iterations: 10 }).state;

  it('strength 0 is exactly the identity; strength 1 is the trained lattice, clamped', () => {
    expect(buildLut(trained, { strength: 0, smoothing: 0 })).toEqual(identityLattice(17));
    const full = buildLut(trained, { strength: 1, smoothing: 0 });
    const clamped = trained.samples.map((v) => Math.min(1, Math.max(0, v)));
    // identity + (trained − identity) can differ from `trained` in the last bit only.
    full.forEach((v, i) => expect(Math.abs(v - clamped[i])).toBeLessThan(1e-15));
  });

  it('strength blends linearly with the identity', () => {
    const identity = identityLattice(17);
    const half = buildLut(trained, { strength: 0.5, smoothing: 0 });
    const full = buildLut(trained, { strength: 1, smoothing: 0 });
    // Away from clamping, half strength lands halfway.
    let checked = 0;
    for (let i = 0; i < identity.length; i++) {
      if (trained.samples[i] > 0 && trained.samples[i] < 1) {
        expect(half[i]).toBeCloseTo((identity[i] + full[i]) / 2, 12);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(identity.length / 2);
  });

  it('smoothing reduces the roughness (second differences) of the displacement field', () => {
    const identity = identityLattice(17);
    // Second differences along r: zero for any locally linear map, so only the irregular part counts.
    const roughness = (lut: Float64Array) => {
      let sum = 0;
      for (let p = 1; p < lut.length / 3 - 1; p++) {
        if (p % 17 === 0 || p % 17 === 16) continue;
        for (let c = 0; c < 3; c++) {
          const d = (q: number) => lut[3 * q + c] - identity[3 * q + c];
          sum += Math.abs(d(p + 1) - 2 * d(p) + d(p - 1));
        }
      }
      return sum;
    };
    const raw = buildLut(trained, { strength: 1, smoothing: 0 });
    const half = buildLut(trained, { strength: 1, smoothing: 0.5 });
    const smooth = buildLut(trained, { strength: 1, smoothing: 1 });
    expect(roughness(half)).toBeLessThan(roughness(raw));
    expect(roughness(smooth)).toBeLessThan(roughness(half));
    expect(roughness(smooth)).toBeLessThan(0.8 * roughness(raw));
    for (const v of smooth) expect(v >= 0 && v <= 1).toBe(true);
  });
});

describe('prepareTarget', () => {
  it('keeps every pixel under the budget, in order, as RGB8', () => {
    const t = prepareTarget({ width: 2, height: 1, data: Uint8Array.of(0, 51, 255, 255, 0, 102) });
    expect(Array.from(t)).toEqual([0, 51, 255, 255, 0, 102]);
  });

  it('subsamples deterministically to the budget, one pixel per stratum', () => {
    const pixels = {
      width: 100,
      height: 10,
      data: Uint8Array.from({ length: 3000 }, (_, i) => Math.floor(i / 3) % 256),
    };
    const t = prepareTarget(pixels, { maxTargetSamples: 64 });
    expect(t).toHaveLength(64 * 3);
    expect(prepareTarget(pixels, { maxTargetSamples: 64 })).toEqual(t);
    // Sample j comes from pixels [⌊j·1000/64⌋, ⌊(j+1)·1000/64⌋): strictly increasing pixel indices.
    for (let j = 0; j < 64; j++) {
      const value = t[3 * j];
      const lo = Math.floor((j * 1000) / 64) % 256;
      expect((value - lo + 256) % 256).toBeLessThan(16);
    }
  });

  it('rejects buffers that are not RGB8 of the stated size', () => {
    expect(() => prepareTarget({ width: 2, height: 2, data: new Uint8Array(11) })).toThrow(
      /expected 12 bytes/,
    );
    expect(() => prepareTarget({ width: 0, height: 2, data: new Uint8Array(0) })).toThrow(
      /positive integer size/,
    );
  });
});
