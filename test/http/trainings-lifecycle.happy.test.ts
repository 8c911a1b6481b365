/**
 * GET without workers, pause/resume, cancel, delete and checkpoints through the API,
 * with a deliberately slow test trainer so each state can be observed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type RunningWorkers } from '../helpers/harness.ts';
import sharp from 'sharp';
import { styleImage } from '../harness/images.ts';
import { createJob, isTerminal, waitForJob } from '../helpers/api-client.ts';
import { testTrainers } from './fixtures/slow-trainer.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

let workers: RunningWorkers;
const trainers = testTrainers();
const slow = (params: Record<string, unknown> = {}) => ({
  baseModel: 'slow-test',
  params: { iterations: 30, delayMs: 150, ...params },
});

const h = useHarness();
const gw = useGateway(h, { trainers });
beforeAll(async () => {
  workers = await h.startWorkers('all', { trainers });
});

describe('a job seen through the API', () => {
  it('answers GET with the last progress while every worker is stopped', async () => {
    const job = await createJob(gw, slow({ iterations: 200, delayMs: 100 }));
    const training = await waitForJob(gw, job.id, (j) => (j.progress?.iteration ?? 0) >= 3);
    expect(training).toMatchObject({ status: 'running', phase: 'training', attempt: 1 });
    expect(training.eta).toEqual(expect.any(String));
    await workers.stop();

    // From describe() alone: a query would wait for a worker until the request's deadline and answer 503.
    const res = await gw.fetch(`/v1/trainings/${job.id}`);
    const view = (await res.json()) as typeof training;
    expect(res.status).toBe(200);
    expect(view.phase).toBe('training');
    expect(view.progress?.iteration).toBeGreaterThanOrEqual(3);
    expect(view.progress?.total).toBe(200);
    // The lost attempt is retried: the task waits in the queue for a worker.
    const waiting = await waitForJob(gw, job.id, (j) => j.status === 'queued', { timeoutMs: 15_000 });
    expect(waiting.queue).toMatchObject({ position: 1, length: 1 });
    expect(waiting.progress?.iteration).toBeGreaterThanOrEqual(3);

    workers = await h.startWorkers('all', { trainers });
    const resumed = await waitForJob(gw, job.id, (j) => j.status === 'running' && j.attempt >= 2, {
      timeoutMs: 30_000,
    });
    expect(resumed.progress?.iteration).toBeGreaterThanOrEqual(3);
    expect((await gw.fetch(`/v1/trainings/${job.id}/cancel`, { method: 'POST' })).status).toBe(202);
    await waitForJob(gw, job.id, (j) => j.status === 'cancelled');
  });

  it('pauses (keeping progress) and resumes from the checkpoint', async () => {
    const job = await createJob(gw, slow({ iterations: 20, delayMs: 100 }));
    await waitForJob(gw, job.id, (j) => (j.progress?.iteration ?? 0) >= 3);
    const pause = await gw.fetch(`/v1/trainings/${job.id}/pause`, { method: 'POST' });
    expect(pause.status).toBe(202);
    const paused = await waitForJob(gw, job.id, (j) => j.status === 'paused');
    expect(paused.phase).toBe('paused');
    const at = paused.progress!.iteration;
    expect(at).toBeGreaterThanOrEqual(3);
    expect((await gw.fetch(`/v1/trainings/${job.id}/pause`, { method: 'POST' })).status).toBe(202); // idempotent

    const cps = (await (await gw.fetch(`/v1/trainings/${job.id}/checkpoints`)).json()) as {
      data: Array<{ iteration: number; loss: number }>;
    };
    expect(cps.data.at(-1)?.iteration).toBe(at);

    expect((await gw.fetch(`/v1/trainings/${job.id}/resume`, { method: 'POST' })).status).toBe(202);
    const done = await waitForJob(gw, job.id, (j) => j.status === 'succeeded');
    expect(done.progress).toMatchObject({ iteration: 20, total: 20, percent: 100 });
    const all = (await (await gw.fetch(`/v1/trainings/${job.id}/checkpoints`)).json()) as {
      data: Array<{ iteration: number }>;
    };
    // Resumed, not restarted: every iteration was checkpointed once (plus the final record).
    expect(new Set(all.data.map((c) => c.iteration)).size).toBe(20);
  });

  it('cancels idempotently and refuses to pause a cancelled job', async () => {
    const job = await createJob(gw, slow());
    await waitForJob(gw, job.id, (j) => j.status === 'running');
    expect((await gw.fetch(`/v1/trainings/${job.id}/cancel`, { method: 'POST' })).status).toBe(202);
    const cancelled = await waitForJob(gw, job.id, (j) => j.status === 'cancelled');
    expect(cancelled).toMatchObject({ phase: 'cancelled', error: null, queue: null });
    expect((await gw.fetch(`/v1/trainings/${job.id}/cancel`, { method: 'POST' })).status).toBe(202);
    expect((await gw.fetch(`/v1/trainings/${job.id}/pause`, { method: 'POST' })).status).toBe(409);
  });

  it('deletes a running job: cancelled and its data removed', async () => {
    const job = await createJob(gw, slow());
    await waitForJob(gw, job.id, (j) => (j.progress?.iteration ?? 0) >= 1);
    let res = await gw.fetch(`/v1/trainings/${job.id}`, { method: 'DELETE' });
    while (res.status === 202) res = await gw.fetch(`/v1/trainings/${job.id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await h.deps.storage.listCheckpoints(job.id)).toEqual([]);
    // The execution record goes asynchronously: until then the job shows as cancelled, without data.
    const after = await gw.fetch(`/v1/trainings/${job.id}`);
    if (after.status === 200)
      expect(await after.json()).toMatchObject({ status: 'cancelled', artifacts: [] });
    else expect(after.status).toBe(404);
  });

  it('reports a failed job with the error code of its failure', async () => {
    // A JPEG cut in half passes the door (its header is intact) and fails the full decode.
    const jpeg = await sharp(await styleImage(256, 192))
      .jpeg({ quality: 95 })
      .toBuffer();
    const job = await createJob(gw, {
      styleRefBase64: jpeg.subarray(0, Math.floor(jpeg.length * 0.7)).toString('base64'),
    });
    const failed = await waitForJob(gw, job.id, isTerminal);
    expect(failed).toMatchObject({ status: 'failed', phase: 'failed', error: { code: 'InvalidImage' } });
    expect(failed.error?.message).toMatch(/corrupt|truncated/i);
  });
});
