/**
 * The job lifecycle with the `s3` backend on a real S3 server (SeaweedFS): the pipeline,
 * pause/resume and a SIGKILLed training worker all end with the same bytes as a clean
 * run; artifacts download through the gateway (streamed, or a presigned redirect); a
 * finished job keeps nothing but its artifacts.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../src/storage/create-storage.ts';
import { pauseSignal, resumeSignal } from '../../workflows/messages.ts';
import { startGateway, type Gateway } from '../helpers/gateway-harness.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { inPhase, startJob, waitForView } from '../helpers/jobs.ts';
import { startWorkerProcess } from '../helpers/worker-process.ts';
import { createJob, waitForJob } from '../http/api-client.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const SLOW = { timeout: 240_000 };

describe('jobs on S3', () => {
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

  /** A reference run of the same parameters on an in-process training worker. */
  async function referenceCube(params: Record<string, unknown>): Promise<string> {
    const training = await h.startWorkers('training');
    try {
      const reference = await startJob(h, { params });
      await reference.handle.result();
      return sha256(await h.deps.storage.readArtifact(reference.ref, 'style.cube'));
    } finally {
      await training.stop();
    }
  }

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

  it('pause and resume continue from the checkpoint in S3 to the same bytes', SLOW, async () => {
    const params = { iterations: 40, lutSize: 33, seed: 5 };
    const training = await h.startWorkers('training');
    const job = await startJob(h, { params });
    try {
      await waitForView(job.handle, (v) => (v.progress?.iteration ?? 0) >= 5, 90_000);
      await job.handle.signal(pauseSignal, {});
      await waitForView(job.handle, inPhase('paused'));
      const checkpoint = (await h.deps.storage.readLatestCheckpoint(job.ref))!.record;
      expect(checkpoint.iteration).toBeGreaterThan(0);
      await job.handle.signal(resumeSignal, {});
      await job.handle.result();
    } finally {
      await training.stop();
    }
    expect(sha256(await h.deps.storage.readArtifact(job.ref, 'style.cube'))).toBe(
      await referenceCube(params),
    );
  });

  it(
    'a SIGKILLed training worker: the next one resumes from the checkpoint in S3, same bytes',
    SLOW,
    async () => {
      const params = { iterations: 60, lutSize: 33, seed: 3 };
      const first = await startWorkerProcess(h, 'training');
      const job = await startJob(h, { params });
      await waitForView(job.handle, (v) => (v.progress?.iteration ?? 0) >= 8, 90_000);
      expect((await first.kill('SIGKILL')).signal).toBe('SIGKILL');
      const checkpoint = (await h.deps.storage.readLatestCheckpoint(job.ref))!.record;
      expect(checkpoint.iteration).toBeGreaterThan(0);
      const second = await startWorkerProcess(h, 'training');
      try {
        await job.handle.result();
      } finally {
        await second.kill('SIGTERM');
      }
      expect(sha256(await h.deps.storage.readArtifact(job.ref, 'style.cube'))).toBe(
        await referenceCube(params),
      );
    },
  );
});
