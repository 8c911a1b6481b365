/**
 * The BullMQ + Redis peer: the same job (style-job.ts) on the queue a Node user would
 * otherwise pick, measured with the same code as Atelier (measure.ts):
 *   - submissions: queue.add of the job with the same 64×48 PNG, no worker running;
 *   - sustained: one worker process, concurrency 1, 20 closed-loop clients;
 *   - recovery: the worker SIGKILLed in the middle of a long job (lutSize 65, 400
 *     iterations, as Atelier's recovery figure) and restarted at once; the figure is
 *     kill → the job running again, plus how many iterations were done again.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { photoJpeg } from '../../test/harness/images.ts';
import { ONE_ITERATION, trainingBody } from '../submit-latency.ts';
import {
  measureSubmissions,
  measureSustained,
  PEER_CONCURRENCY,
  type SubmitFigures,
  type SustainedFigures,
} from './measure.ts';
import { startReadyChild, stopChild } from './ready-child.ts';
import { startRedis } from './redis-server.ts';
import { type StyleJobData } from './style-job.ts';

export interface BullRecovery {
  runningAgainAfterS: number;
  iterationAtKill: number;
  restartedFromIteration: number;
  iterationsRedone: number;
}

export interface BullFigures {
  redisVersion: string;
  submit: SubmitFigures;
  sustained: SustainedFigures;
  recovery: BullRecovery;
}

type Progress = { iteration: number; attempt: number };

export async function bullmqPeer(opts: {
  runDir: string;
  redisPort: number;
  windows: { warmupMs: number; windowMs: number };
  log(m: string): void;
}): Promise<BullFigures> {
  const dir = path.join(opts.runDir, 'bullmq');
  await mkdir(path.join(dir, 'out'), { recursive: true });
  const redis = await startRedis({ dir, port: opts.redisPort, log: opts.log });
  const connection = { host: '127.0.0.1', port: redis.port };
  const run = randomUUID().slice(0, 8);
  const { styleRefBase64 } = JSON.parse(await trainingBody()) as { styleRefBase64: string };
  const job: StyleJobData = { styleName: 'Bench', imageBase64: styleRefBase64, params: ONE_ITERATION };
  const idle = new Queue<StyleJobData>(`idle-${run}`, { connection });
  const queue = new Queue<StyleJobData>(`style-${run}`, { connection });
  // Every add in flight listens for the queue closing: 20 at once is expected, not a leak.
  idle.setMaxListeners(PEER_CONCURRENCY * 2);
  queue.setMaxListeners(PEER_CONCURRENCY * 2);
  const events = new QueueEvents(queue.name, { connection });
  await events.waitUntilReady();
  const startWorker = () =>
    startReadyChild({
      name: 'bullmq-worker',
      script: new URL('./bullmq-worker.ts', import.meta.url).pathname,
      env: {
        PEER_REDIS_PORT: String(redis.port),
        PEER_QUEUE: queue.name,
        PEER_OUT_DIR: path.join(dir, 'out'),
      },
      logDir: dir,
      timeoutMs: 60_000,
    });
  let worker = await startWorker();
  try {
    const submit = await measureSubmissions(
      () => idle.add('style', job).then(() => undefined),
      () => ({ redis: redis.pid, bench: process.pid }),
    );
    const sustained = await measureSustained(
      async () => void (await (await queue.add('style', job)).waitUntilFinished(events)),
      () => ({ redis: redis.pid, worker: worker.pid, bench: process.pid }),
      opts.windows,
    );
    // Recovery: a long job, the worker killed once it is well under way.
    const photo = await photoJpeg(256, 192);
    const long = await queue.add('style', {
      styleName: 'Bench long',
      imageBase64: photo.toString('base64'),
      params: { lutSize: 65, iterations: 400, patience: 100 },
      reportIterations: true,
    });
    const seen: { at: number; p: Progress }[] = [];
    events.on('progress', ({ jobId, data }) => {
      if (jobId === long.id) seen.push({ at: Date.now(), p: data as Progress });
    });
    await until('the long job to be under way', 120_000, () => (seen.at(-1)?.p.iteration ?? 0) >= 3);
    const atKill = seen.at(-1)!.p;
    const killedAt = Date.now();
    worker.child.kill('SIGKILL');
    await worker.exited;
    worker = await startWorker();
    const again = await until('the job to run again', 180_000, () =>
      seen.find((s) => s.at > killedAt && (s.p.attempt > atKill.attempt || s.p.iteration < atKill.iteration)),
    );
    await long.remove().catch(() => undefined); // it is still active: the worker's next lock renewal fails, fine
    return {
      redisVersion: redis.version,
      submit,
      sustained,
      recovery: {
        runningAgainAfterS: (again.at - killedAt) / 1000,
        iterationAtKill: atKill.iteration,
        restartedFromIteration: again.p.iteration,
        iterationsRedone: atKill.iteration - again.p.iteration,
      },
    };
  } finally {
    await stopChild(worker, 5_000);
    await Promise.all([idle.close(), queue.close(), events.close()]);
    await redis.stop();
  }
}

async function until<T>(what: string, timeoutMs: number, check: () => T | undefined | false): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
