/**
 * Atelier's colour-LUT trainer against a numpy implementation of the same iterative
 * distribution transfer (bench/numpy-reference/idt.py), one thread each, in the same run:
 * the 1024×768 synthetic photo, its 262,144 target samples, seed 1, early stopping off.
 * Atelier runs in this process (the code its training threads run); numpy in a child
 * process (OpenBLAS held to one thread). Rounds alternate between the two so that load
 * from other processes hits both alike; each round is ≥ ROUND_S after two warm-up
 * iterations, and the best round of each side counts. Iterations per second are given
 * per CPU second of the process (robust on a shared machine) and per wall second.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeForTraining } from '../src/imaging/decode-image.ts';
import { ColorLutParamsSchema } from '../src/training/color-lut/params.ts';
import {
  createInitialState,
  createTrainingContext,
  prepareTarget,
  stepIteration,
  type TrainingContext,
} from '../src/training/color-lut/trainer.ts';
import { photoJpeg } from '../test/harness/images.ts';
import { IDT_SCRIPT, NUMPY_VERSION, numpyPython } from './numpy-reference/provision.ts';

const LUT_SIZES = [17, 33, 65] as const;
const ROUNDS = 2;
const ROUND_S = 3;
const SEED = 1;

export interface Speed {
  iterationsPerS: number;
  iterationsPerCpuS: number;
}

export interface TrainerSpeedResult {
  numpyVersion: string;
  targetSamples: number;
  /** Best round per side and lattice size, and every round for the record. */
  atelier: Record<number, Speed>;
  numpy: Record<number, Speed>;
  rounds: { lutSize: number; side: 'atelier' | 'numpy'; speed: Speed }[];
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function atelierRound(ctx: TrainingContext): Speed {
  const params = ctx.params;
  let state = createInitialState(params);
  const step = () => {
    if (state.done) state = createInitialState(params);
    stepIteration(state, ctx);
  };
  step();
  step();
  const wall = performance.now();
  const cpu = cpuSeconds();
  let n = 0;
  while (n < 5 || performance.now() - wall < ROUND_S * 1000) {
    step();
    n++;
  }
  return {
    iterationsPerS: n / ((performance.now() - wall) / 1000),
    iterationsPerCpuS: n / (cpuSeconds() - cpu),
  };
}

async function numpyRound(python: string, targetFile: string, lutSize: number): Promise<Speed> {
  const { stdout } = await promisify(execFile)(
    python,
    [IDT_SCRIPT, '--target', targetFile, '--lut-size', String(lutSize), '--seed', String(SEED)].concat([
      '--min-seconds',
      String(ROUND_S),
    ]),
    {
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
      timeout: 600_000,
    },
  );
  const out = JSON.parse(stdout) as { iterationsPerS: number; iterationsPerCpuS: number };
  return { iterationsPerS: out.iterationsPerS, iterationsPerCpuS: out.iterationsPerCpuS };
}

const best = (speeds: Speed[]): Speed =>
  speeds.reduce((a, b) => (b.iterationsPerCpuS > a.iterationsPerCpuS ? b : a));

export async function trainerSpeed(dataDir = path.resolve('.atelier')): Promise<TrainerSpeedResult> {
  const python = await numpyPython(dataDir, (m) => process.stderr.write(`[bench] ${m}\n`));
  const decoded = await decodeForTraining(await photoJpeg(1024, 768), { maxInputPixels: 40_000_000 });
  const target = prepareTarget(decoded.pixels);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atelier-bench-numpy-'));
  const targetFile = path.join(dir, 'target.f64');
  // The very samples Atelier trains on, as the Float64 RGB in [0, 1] they stand for.
  await writeFile(targetFile, Buffer.from(Float64Array.from(target, (c) => c / 255).buffer));
  const result: TrainerSpeedResult = {
    numpyVersion: NUMPY_VERSION,
    targetSamples: target.length / 3,
    atelier: {},
    numpy: {},
    rounds: [],
  };
  try {
    for (const lutSize of LUT_SIZES) {
      const params = ColorLutParamsSchema.parse({ lutSize, iterations: 1000, patience: 100, seed: SEED });
      const ctx = createTrainingContext(target, params);
      const ours: Speed[] = [];
      const theirs: Speed[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        ours.push(atelierRound(ctx));
        theirs.push(await numpyRound(python, targetFile, lutSize));
      }
      result.atelier[lutSize] = best(ours);
      result.numpy[lutSize] = best(theirs);
      for (const speed of ours) result.rounds.push({ lutSize, side: 'atelier', speed });
      for (const speed of theirs) result.rounds.push({ lutSize, side: 'numpy', speed });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return result;
}
