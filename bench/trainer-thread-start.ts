/**
 * What a training job pays for its thread, per job, on the issue's small job (64×48
 * pixels, 1 iteration, lutSize 17), wall and process CPU, median of JOBS jobs each way:
 *   - coldTs: a fresh thread per job that registers the TypeScript loader and loads the
 *     trainer's sources (what every attempt paid before the warm pool);
 *   - coldJs: a fresh thread per job loading the precompiled bundle (no loader);
 *   - warm:   the warm pool, one thread reused by every job (what `trainStyle` does now);
 *   - compute: the same job's training alone, in this thread (no thread at all).
 * All threads run the same thread-main code and report through the same messages.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { ColorLutParamsSchema } from '../src/training/color-lut/params.ts';
import { createColorLutThreadPool, startColorLutTraining } from '../src/training/color-lut/run-in-thread.ts';
import { colorLutThreadBundle } from '../src/training/color-lut/thread-bundle.ts';
import { type ThreadInput } from '../src/training/color-lut/thread-protocol.ts';
import {
  buildLut,
  createInitialState,
  createTrainingContext,
  prepareTarget,
  serializeState,
  stepIteration,
} from '../src/training/color-lut/trainer.ts';
import { photoPixels } from '../test/harness/images.ts';
import { summarize, type Summary } from './stats.ts';

const JOBS = 8;

export interface ThreadStartMode {
  wallMs: Summary;
  cpuMsPerJob: number;
}

export type ThreadStartResult = Record<'coldTs' | 'coldJs' | 'warm' | 'compute', ThreadStartMode>;

const job: ThreadInput = {
  pixels: photoPixels(64, 48),
  params: ColorLutParamsSchema.parse({ lutSize: 17, iterations: 1 }),
  resumeState: null,
  checkpointEveryMs: 2000,
};

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** One job on a thread of its own that imports `module` (after registering tsx when `typescript`). */
async function freshThreadJob(module: string, typescript: boolean): Promise<void> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const { port1, port2 } = new MessageChannel();
  const cancelled = new Int32Array(new SharedArrayBuffer(4));
  const bootstrap = `
    const { workerData } = require('node:worker_threads');
    (async () => {
      ${typescript ? `(await import(${JSON.stringify(tsx)})).register();` : ''}
      const { default: runTask } = await import(${JSON.stringify(module)});
      runTask({ ...workerData.job, port: workerData.port, cancelled: workerData.cancelled });
    })();`;
  const worker = new Worker(bootstrap, {
    eval: true,
    workerData: { job, port: port2, cancelled },
    transferList: [port2],
    execArgv: [],
  });
  let failed: string | undefined;
  port1.on('message', (m: { kind: string; message?: string }) => {
    if (m.kind === 'error') failed = m.message;
  });
  await new Promise<void>((resolve, reject) => {
    port1.once('close', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  if (failed) throw new Error(`training thread failed: ${failed}`);
}

function computeOnly(): void {
  const state = createInitialState(job.params);
  stepIteration(state, createTrainingContext(prepareTarget(job.pixels), job.params));
  serializeState(state);
  buildLut(state, job.params);
}

async function measure(run: () => Promise<void> | void): Promise<ThreadStartMode> {
  await run(); // warm-up: module caches, JIT of this side
  const wall: number[] = [];
  const cpu = cpuMs();
  for (let i = 0; i < JOBS; i++) {
    const started = performance.now();
    await run();
    wall.push(performance.now() - started);
  }
  return { wallMs: summarize(wall), cpuMsPerJob: (cpuMs() - cpu) / JOBS };
}

export async function trainerThreadStart(): Promise<ThreadStartResult> {
  const bundle = pathToFileURL(await colorLutThreadBundle()).href;
  const sources = new URL('../src/training/color-lut/thread-main.ts', import.meta.url).href;
  const pool = createColorLutThreadPool({ threads: 1 });
  try {
    await pool.warmUp();
    return {
      coldTs: await measure(() => freshThreadJob(sources, true)),
      coldJs: await measure(() => freshThreadJob(bundle, false)),
      warm: await measure(
        async () =>
          void (await startColorLutTraining({ pixels: job.pixels, params: job.params }, {}, pool).result),
      ),
      compute: await measure(computeOnly),
    };
  } finally {
    await pool.close();
  }
}
