/** The old service's three endpoints with its exact JSON, on top of durable jobs (bad requests: legacy.error). */
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningWorkers } from '../helpers/harness.ts';
import { styleImage } from '../harness/images.ts';
import { postJson, waitForJob } from '../helpers/api-client.ts';
import { testTrainers } from './fixtures/slow-trainer.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

let training: RunningWorkers | undefined;
const trainers = testTrainers();
const base = Math.floor(Math.random() * 1e8) * 10;

// Orchestration only at first: jobs wait for a training slot.
const h = useHarness({ workers: 'orchestration', deps: { trainers } });
const gw = useGateway(h, { trainers });
afterAll(async () => {
  await training?.stop();
});

// Short by default: the first test's jobs wait for the training worker and then train ahead of the next ones.
const queueTrain = async (id: number, extra: Record<string, unknown> = {}) =>
  postJson(gw, '/queueTrain', {
    id,
    styleName: 'Old client',
    baseModel: 'slow-test',
    styleRefBase64: (await styleImage()).toString('base64'),
    params: { iterations: 2, delayMs: 50 },
    ...extra,
  });
const status = async (id: number) =>
  (await (await postJson(gw, '/getTrainStatus', { id })).json()) as { status: string };

describe('old endpoints', () => {
  it('POST /queueTrain answers {"message","queue_length"} and is idempotent per id', async () => {
    const first = await queueTrain(base + 1);
    expect(first.status).toBe(200);
    const body = (await first.json()) as { message: string; queue_length: number };
    expect(Object.keys(body).sort()).toEqual(['message', 'queue_length']);
    expect(body).toEqual({ message: 'Job added to queue', queue_length: expect.any(Number) });
    expect(body.queue_length).toBeGreaterThanOrEqual(1);

    const second = await queueTrain(base + 2);
    expect(((await second.json()) as { queue_length: number }).queue_length).toBeGreaterThanOrEqual(2);

    const again = await queueTrain(base + 1);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ message: 'Job added to queue', queue_length: expect.any(Number) });
    const conflict = await queueTrain(base + 1, { styleName: 'Something else' });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({
      message: expect.any(String),
      code: 'idempotency_conflict',
    });
  });

  it('POST /getTrainStatus walks PENDING → TRAINING → COMPLETED, and NOT_FOUND', async () => {
    const id = base + 3;
    expect((await queueTrain(id, { params: { iterations: 8, delayMs: 150 } })).status).toBe(200);
    // Decoding counts as TRAINING for the old API; once decoded, the job waits for a training slot.
    await waitForJob(gw, String(id), (j) => j.phase === 'training');
    expect(await status(id)).toEqual({ status: 'PENDING' });
    training = await h.startWorkers('training', { trainers });
    await waitForJob(gw, String(id), (j) => j.status === 'running');
    expect(await status(id)).toEqual({ status: 'TRAINING' });
    await waitForJob(gw, String(id), (j) => j.status === 'succeeded');
    expect(await status(id)).toEqual({ status: 'COMPLETED' });
    expect(await status(base + 9)).toEqual({ status: 'NOT_FOUND' });
  });

  it('POST /stopOrDeleteTrain stops a running job (CANCELLED) and deletes a finished one', async () => {
    const id = base + 4;
    expect((await queueTrain(id, { params: { iterations: 200, delayMs: 100 } })).status).toBe(200);
    await waitForJob(gw, String(id), (j) => j.status === 'running' || j.status === 'succeeded');
    const stop = await postJson(gw, '/stopOrDeleteTrain', { id });
    expect(stop.status).toBe(200);
    expect(await stop.json()).toEqual({ message: 'Job removed from queue' });
    await waitForJob(gw, String(id), (j) => j.status === 'cancelled');
    expect(await status(id)).toEqual({ status: 'CANCELLED' });

    const done = base + 3;
    const del = await postJson(gw, '/stopOrDeleteTrain', { id: done });
    expect(await del.json()).toEqual({ message: 'Job removed from queue' });
    expect(await h.deps.storage.listArtifacts(String(done))).toEqual([]);

    const missing = await postJson(gw, '/stopOrDeleteTrain', { id: base + 9 });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: 'Job not found' });
  });
});
