/**
 * The numpy reference of the trainer benchmark computes what Atelier's trainer computes:
 * the same losses and the same lattice, to rounding, from the same target and seed. (It
 * provisions numpy into .atelier/ on first use, like the benchmark.)
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDT_SCRIPT, numpyPython } from '../../bench/numpy-reference/provision.ts';
import { prepareTarget } from '../../src/training/color-lut/trainer.ts';
import { type TrainingPixels } from '../../src/training/trainer.ts';
import { noisePixels, orangeTealReference } from '../harness/images.ts';
import { trainInProcess } from '../harness/reference-trainer.ts';

const cases: { name: string; pixels: TrainingPixels; lutSize: 17 | 33; iterations: number }[] = [
  { name: 'orange/teal 160×120', pixels: orangeTealReference(), lutSize: 17, iterations: 6 },
  {
    name: 'noise 300×200',
    pixels: { width: 300, height: 200, data: noisePixels(60_000, 5) },
    lutSize: 33,
    iterations: 3,
  },
];

describe('bench/numpy-reference', () => {
  let python: string;
  let dir: string;
  beforeAll(async () => {
    python = await numpyPython(path.resolve('.atelier'));
    dir = await mkdtemp(path.join(os.tmpdir(), 'atelier-numpy-ref-'));
  }, 600_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(cases)(
    'matches Atelier’s losses and lattice ($name, $lutSize³, $iterations iterations)',
    async (c) => {
      const targetFile = path.join(dir, `target-${c.lutSize}.f64`);
      const dump = path.join(dir, `lattice-${c.lutSize}.f64`);
      const target = prepareTarget(c.pixels);
      await writeFile(targetFile, Buffer.from(Float64Array.from(target, (v) => v / 255).buffer));
      const args = ['--target', targetFile, '--lut-size', String(c.lutSize), '--seed', '11'];
      const { stdout } = await promisify(execFile)(
        python,
        [IDT_SCRIPT, ...args, '--iterations', String(c.iterations), '--dump', dump],
        { env: { ...process.env, OPENBLAS_NUM_THREADS: '1' } },
      );
      const numpy = JSON.parse(stdout) as { losses: number[] };
      const ours = trainInProcess(c.pixels, {
        lutSize: c.lutSize,
        iterations: c.iterations,
        patience: 100,
        seed: 11,
      });

      expect(numpy.losses).toHaveLength(c.iterations);
      numpy.losses.forEach((loss, i) => expect(Math.abs(loss - ours.state.losses[i])).toBeLessThan(1e-12));
      const bytes = await readFile(dump);
      const lattice = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
      expect(lattice).toHaveLength(ours.state.samples.length);
      let worst = 0;
      for (let i = 0; i < lattice.length; i++)
        worst = Math.max(worst, Math.abs(lattice[i] - ours.state.samples[i]));
      expect(worst).toBeLessThan(1e-9);
    },
  );
});
