/**
 * recovery_after_kill_s: a training worker is SIGKILLed in the middle of a long job
 * and restarted at once (as a supervisor would); the figure is the time from the kill
 * until the server runs the job's next training attempt (the pending activity's
 * attempt number goes up and it is started). It is bounded below by the training
 * heartbeat timeout (HEARTBEAT_TIMEOUT_MS, default 10 s) plus the first retry
 * interval (1 s): that is how the server learns the worker is gone.
 * iterations_redone_after_kill: the iteration the server's latest heartbeat showed at
 * the kill (we kill within 50 ms of a fresh heartbeat) minus the checkpoint the next
 * attempt resumed from.
 * event_loop_delay_p99_ms: the training worker's main event loop, measured by the
 * preloaded probe over 10 s of this job's training (lutSize 65, the heaviest).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describeJob } from '../src/jobs/describe-job.ts';
import { createFsStorage } from '../src/storage/fs-storage.ts';
import { styleImage } from '../test/harness/images.ts';
import { type BenchStack, type ProbeReading } from './stack.ts';
import { postTraining } from './submit-latency.ts';

export interface RecoveryResult {
  recoveryAfterKillS: number;
  workerServingAfterS: number;
  firstProgressAfterS: number;
  iterationsRedone: number;
  heartbeatIterationAtKill: number;
  resumedFrom: number;
  eventLoop: ProbeReading;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(
  what: string,
  timeoutMs: number,
  everyMs: number,
  fn: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function recoveryAfterKill(stack: BenchStack): Promise<RecoveryResult> {
  const { cluster, client } = stack;
  const storage = createFsStorage(stack.dataDir);
  const body = JSON.stringify({
    styleName: 'Bench long',
    baseModel: 'color-lut',
    styleRefBase64: (await styleImage(256, 192)).toString('base64'),
    params: { lutSize: 65, iterations: 400, patience: 100 },
  });
  const { id } = await postTraining(cluster.gatewayUrl, body, `bench-recovery-${Date.now()}`);
  const training = () =>
    describeJob({ client, storage }, { tenantId: 'local', jobId: id }).then((f) => f.training ?? undefined);
  await until(
    'training to start',
    60_000,
    200,
    async () => ((await training())?.heartbeat?.iteration ?? 0) >= 3 || undefined,
  );

  await stack.probe('training'); // starts the interval
  await sleep(10_000);
  const eventLoop = await stack.probe('training');

  let previous = (await training())?.heartbeat?.iteration;
  const fresh = await until('a fresh heartbeat', 15_000, 50, async () => {
    const t = await training();
    const it = t?.heartbeat?.iteration;
    if (it !== undefined && it !== previous && t) return t;
    previous = it;
    return undefined;
  });
  const { killedAt } = await cluster.kill('training');
  const latest = JSON.parse(
    await readFile(path.join(stack.dataDir, 'jobs', id, 'checkpoints', 'latest.json'), 'utf8'),
  ) as { iteration: number };
  cluster.start('training');
  const serving = cluster.waitServing('training', 60_000);
  const next = await until('the next attempt', 90_000, 100, async () => {
    const t = await training();
    return t && t.attempt > fresh.attempt && t.state === 'started' ? Date.now() : undefined;
  });
  const progressed = await until('progress after the kill', 60_000, 100, async () => {
    const t = await training();
    return t && t.attempt > fresh.attempt && (t.heartbeat?.iteration ?? 0) > latest.iteration
      ? Date.now()
      : undefined;
  });
  const servingAt = await serving;
  await fetch(`${cluster.gatewayUrl}/v1/trainings/${id}/cancel`, { method: 'POST' }).then((r) =>
    r.arrayBuffer(),
  );
  await Promise.race([
    client.workflow
      .getHandle(`training-${id}`)
      .result()
      .catch(() => undefined),
    sleep(30_000),
  ]);
  return {
    recoveryAfterKillS: (next - killedAt) / 1000,
    workerServingAfterS: (servingAt - killedAt) / 1000,
    firstProgressAfterS: (progressed - killedAt) / 1000,
    iterationsRedone: fresh.heartbeat!.iteration - latest.iteration,
    heartbeatIterationAtKill: fresh.heartbeat!.iteration,
    resumedFrom: latest.iteration,
    eventLoop,
  };
}
