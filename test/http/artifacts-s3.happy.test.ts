/**
 * Artifacts through the gateway with the `s3` backend on a real S3 server (SeaweedFS):
 * downloads stream with the manifest's sha256 as ETag, or redirect to a presigned URL when
 * configured; a finished job keeps nothing but its artifacts. (The pipeline, pause/resume
 * and worker-crash tests run on both backends in test/workflows/.)
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../src/storage/create-storage.ts';
import { startGateway, type Gateway } from '../helpers/gateway-harness.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { createJob, waitForJob } from '../helpers/api-client.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const SLOW = { timeout: 240_000 };

describe('artifacts on S3 through the gateway', () => {
  let h: Harness;
  let gw: Gateway;
  beforeAll(async () => {
    h = await createHarness({ backend: 's3' });
    await h.startWorkers('orchestration');
    gw = await startGateway(h);
  });
  afterAll(async () => {
    await gw.close();
    await h.close();
  });

  it(
    'trains and publishes through the gateway; downloads stream with the manifest sha256; only artifacts remain',
    SLOW,
    async () => {
      const training = await h.startWorkers('training');
      try {
        const created = await createJob(gw, { params: { iterations: 8, lutSize: 17, seed: 4 } });
        const done = await waitForJob(gw, created.id, (j) => j.status === 'succeeded', {
          timeoutMs: 120_000,
        });
        expect(done.artifacts.map((a) => a.name).sort()).toEqual([
          'manifest.json',
          'preview.png',
          'style.cube',
        ]);
        const manifest = (await (
          await gw.fetch(`/v1/trainings/${created.id}/artifacts/manifest.json`)
        ).json()) as {
          files: { name: string; sha256: string }[];
        };
        for (const file of manifest.files) {
          const res = await gw.fetch(`/v1/trainings/${created.id}/artifacts/${file.name}`);
          expect(res.status).toBe(200);
          expect(res.headers.get('etag')).toBe(`"${file.sha256}"`);
          expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(file.sha256);
          const again = await gw.fetch(`/v1/trainings/${created.id}/artifacts/${file.name}`, {
            headers: { 'if-none-match': `"${file.sha256}"` },
          });
          expect(again.status).toBe(304);
        }
        // Retention: the checkpoints went with publishing, the blobs' references too.
        const left = await h.store.raw.list(`tenants/local/jobs/${created.id}/`);
        expect(left.sort()).toEqual(
          ['manifest.json', 'preview.png', 'style.cube'].map(
            (n) => `tenants/local/jobs/${created.id}/artifacts/${n}`,
          ),
        );
      } finally {
        await training.stop();
      }
    },
  );

  it('with presigned downloads, the gateway redirects to the object', SLOW, async () => {
    const training = await h.startWorkers('training');
    const { settings } = h.store;
    if (settings.kind !== 's3') throw new Error('an s3 harness');
    const presigning = await startGateway(h, { storage: createStorage({ ...settings, presign: true }) });
    try {
      const created = await createJob(gw, { params: { iterations: 3, lutSize: 17 } });
      await waitForJob(gw, created.id, (j) => j.status === 'succeeded', { timeoutMs: 120_000 });
      const res = await presigning.fetch(`/v1/trainings/${created.id}/artifacts/style.cube`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(307);
      const location = res.headers.get('location')!;
      expect(location).toMatch(/X-Amz-Signature=/);
      const cube = await fetch(location);
      expect(await cube.text()).toMatch(/LUT_3D_SIZE 17/);
      expect((await presigning.fetch(`/v1/trainings/${created.id}/artifacts/nope.png`)).status).toBe(404);
    } finally {
      await presigning.close();
      await training.stop();
    }
  });
});
