/** POST /v1/trainings and the job's life as the API shows it, against real workers. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { contentImage, styleImage } from '../harness/images.ts';
import { type ApiJob } from '../../src/jobs/api-job.ts';
import {
  FAST_PARAMS,
  createJob,
  getJob,
  postJson,
  trainingBody,
  uniqueId,
  waitForJob,
} from '../helpers/api-client.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

const h = useHarness({ workers: 'all' });
const gw = useGateway(h);

describe('POST /v1/trainings', () => {
  it('trains a JSON submission to success and serves its artifacts', async () => {
    const created = await createJob(gw, { id: uniqueId(), metadata: { project: 'demo' } });
    expect(created).toMatchObject({
      status: 'queued',
      phase: 'queued',
      styleName: 'Test style',
      baseModel: 'color-lut',
      priority: 3,
      metadata: { project: 'demo' },
    });
    // A submission answers with the gateway's queue snapshot if it holds one (this file's first POST
    // finds none: null), never scanning for it (trainings-submit-cost.happy.test.ts).
    if (created.queue !== null) expect(created.queue.position).toBeGreaterThanOrEqual(1);
    const done = await waitForJob(gw, created.id, (j) => j.status === 'succeeded');
    expect(done.progress).toMatchObject({ percent: 100 });
    expect(done.finishedAt).toEqual(expect.any(String));
    expect(done.artifacts.map((a) => a.name).sort()).toEqual(['manifest.json', 'preview.png', 'style.cube']);

    const cube = done.artifacts.find((a) => a.name === 'style.cube')!;
    const res = await gw.fetch(cube.href);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${cube.sha256}"`);
    expect(res.headers.get('content-length')).toBe(String(cube.bytes));
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="style.cube"');
    expect(await res.text()).toMatch(/LUT_3D_SIZE 17/);
    const again = await gw.fetch(cube.href, { headers: { 'if-none-match': `"${cube.sha256}"` } });
    expect(again.status).toBe(304);
  });

  it('accepts multipart uploads with JSON fields', async () => {
    const form = new FormData();
    form.set('image', new Blob([new Uint8Array(await styleImage())], { type: 'image/png' }), 'ref.png');
    form.set('styleName', 'Multipart');
    form.set('baseModel', 'color-lut');
    form.set('params', JSON.stringify(FAST_PARAMS));
    form.set('priority', '2');
    const res = await gw.fetch('/v1/trainings', { method: 'POST', body: form });
    const job = (await res.json()) as ApiJob;
    expect(res.status, JSON.stringify(job)).toBe(202);
    expect(job).toMatchObject({
      styleName: 'Multipart',
      priority: 2,
      params: expect.objectContaining(FAST_PARAMS),
    });
    expect((await waitForJob(gw, job.id, (j) => j.status === 'succeeded')).status).toBe('succeeded');
  });

  it('returns the same job for a repeated Idempotency-Key, also after it finished', async () => {
    const key = uniqueId('key');
    const body = await trainingBody();
    const first = await postJson(gw, '/v1/trainings', body, { headers: { 'idempotency-key': key } });
    const second = await postJson(gw, '/v1/trainings', body, { headers: { 'idempotency-key': key } });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = [(await first.json()) as ApiJob, (await second.json()) as ApiJob];
    expect(b.id).toBe(a.id);
    await waitForJob(gw, a.id, (j) => j.status === 'succeeded');
    const third = await postJson(gw, '/v1/trainings', body, { headers: { 'idempotency-key': key } });
    expect(third.status).toBe(202);
    const replay = (await third.json()) as ApiJob;
    expect(replay).toMatchObject({ id: a.id, status: 'succeeded' });
  });

  it('delays the start until startAt', async () => {
    const startAt = new Date(Date.now() + 3_000).toISOString();
    const job = await createJob(gw, { startAt });
    expect(job).toMatchObject({ status: 'queued', phase: 'queued', scheduledFor: startAt });
    expect(job.queue?.position ?? null).toBeNull(); // not waiting for a slot (or no snapshot: no queue place)
    const done = await waitForJob(gw, job.id, (j) => j.status === 'succeeded');
    expect(Date.parse(done.startedAt as string)).toBeGreaterThanOrEqual(Date.parse(startAt));
  });

  it('applies a trained style to an uploaded image', async () => {
    const job = await createJob(gw);
    await waitForJob(gw, job.id, (j) => j.status === 'succeeded');
    const form = new FormData();
    form.set(
      'image',
      new Blob([new Uint8Array(await contentImage(40, 30))], { type: 'image/png' }),
      'content.png',
    );
    const res = await gw.fetch(`/v1/trainings/${job.id}/apply`, { method: 'POST', body: form });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 40, height: 30 });
  });

  it('lists base models with their parameters', async () => {
    const res = await gw.fetch('/v1/base-models');
    const body = (await res.json()) as { data: Array<{ name: string; parameters: Array<{ name: string }> }> };
    expect(res.status).toBe(200);
    const lut = body.data.find((m) => m.name === 'color-lut');
    expect(lut?.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['iterations', 'lutSize', 'seed', 'strength']),
    );
    expect((await getJob(gw, (await createJob(gw)).id)).baseModel).toBe('color-lut');
  });
});
