import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainActivities, type TrainingHeartbeat } from '../../activities/train-style.ts';
import { type TrainStyleInput, type TrainStyleResult } from '../../activities/types.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { styleImage } from '../helpers/images.ts';
import { localJob } from '../helpers/jobs.ts';

async function trainingInput(
  h: Harness,
  jobId: string,
  params: Record<string, unknown>,
): Promise<TrainStyleInput> {
  const { data, info } = await sharp(await styleImage(256, 256))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const ref = await h.deps.storage.putBlob('local', data, 'application/x-atelier-rgb8');
  return {
    jobId,
    tenantId: 'local',
    run: 1,
    baseModel: 'color-lut',
    params,
    pixels: { ref, width: info.width, height: info.height },
  };
}

// Expected warnings (no workflow receives the progress reports here) would bury real errors.
const quiet = new DefaultLogger('ERROR');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

describe('trainStyle activity', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('trains off the event loop: heartbeats at least once a second, event-loop delay p99 < 50 ms', async () => {
    const { trainStyle } = createTrainActivities({ ...h.deps, checkpointEveryMs: 2_000 });
    const env = new MockActivityEnvironment(
      { heartbeatTimeoutMs: 10_000 },
      { client: h.client, logger: quiet },
    );
    const beats: { at: number; details: TrainingHeartbeat }[] = [];
    env.on('heartbeat', (details: TrainingHeartbeat) => beats.push({ at: Date.now(), details }));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const result = (await env.run(
      trainStyle,
      await trainingInput(h, 'loop-delay', { iterations: 40, lutSize: 33 }),
    )) as TrainStyleResult;
    delay.disable();
    const p99 = delay.percentile(99) / 1e6;
    console.log(
      `event-loop delay during training: p50 ${(delay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms over ${result.durationMs} ms`,
    );
    expect(p99).toBeLessThan(50);
    const gaps = beats
      .slice(1)
      .map((b, i) => b.at - beats[i].at)
      .sort((a, b) => a - b);
    expect(percentile(gaps, 100)).toBeLessThan(1_000);
    expect(beats.at(-1)!.details).toMatchObject({ total: 40 });
    expect(beats.some((b) => b.details.checkpointKey)).toBe(true);
    expect(result).toMatchObject({ iterations: 40, total: 40, resumedFrom: 0 });
  });

  it('resumes from the latest checkpoint on a new attempt', async () => {
    const { trainStyle } = createTrainActivities({ ...h.deps, checkpointEveryMs: 100 });
    const input = await trainingInput(h, 'resume-me', { iterations: 30, lutSize: 17, seed: 2 });
    const first = new MockActivityEnvironment({}, { client: h.client, logger: quiet });
    let cancelled = false;
    first.on('heartbeat', (d: TrainingHeartbeat) => {
      if (d.checkpointKey && d.iteration >= 10 && !cancelled) {
        cancelled = true;
        first.cancel();
      }
    });
    await expect(first.run(trainStyle, input)).rejects.toBeInstanceOf(CancelledFailure);
    const latest = (await h.deps.storage.readLatestCheckpoint(localJob('resume-me')))!.record;
    expect(latest.iteration).toBeGreaterThan(0);
    expect(latest.iteration).toBeLessThan(30);
    const second = new MockActivityEnvironment({ attempt: 2 }, { client: h.client, logger: quiet });
    const result = (await second.run(trainStyle, input)) as TrainStyleResult;
    expect(result.resumedFrom).toBe(latest.iteration);
    expect(result.iterations).toBe(30);
  });

  it('stops within about one iteration when cancelled', async () => {
    const { trainStyle } = createTrainActivities(h.deps);
    const env = new MockActivityEnvironment({}, { client: h.client, logger: quiet });
    let last = 0;
    env.on('heartbeat', (d: TrainingHeartbeat) => (last = d.iteration));
    const running = env.run(
      trainStyle,
      await trainingInput(h, 'cancel-me', { iterations: 500, lutSize: 33 }),
    );
    while (last < 3) await new Promise((r) => setTimeout(r, 20));
    const asked = Date.now();
    env.cancel();
    await expect(running).rejects.toBeInstanceOf(CancelledFailure);
    const stoppedAfter = Date.now() - asked;
    console.log(`trainer stopped ${stoppedAfter} ms after cancellation`);
    expect(stoppedAfter).toBeLessThan(2_000);
  });
});
