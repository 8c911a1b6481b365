/**
 * Retention, measured: while a lutSize 65 job trains it keeps at most CHECKPOINT_KEEP
 * checkpoints (each ~3 MB); once it has succeeded only its artifacts are left, and its
 * image and pixel blobs go with the next garbage collection. On the code before this
 * test existed, such a job kept every checkpoint it ever wrote (issue 12: 96 = 633 MB).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { startJob } from '../helpers/jobs.ts';
import { BACKENDS } from '../helpers/storage-backends.ts';

const HOUR = 3_600_000;

describe.each(BACKENDS)('retention of a finished job on %s', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ backend });
    await h.startWorkers();
  });
  afterAll(() => h.close());

  /** Bytes on disk under the fs root (null on s3, which has no disk of ours). */
  async function bytesOf(keys: string[]): Promise<number | null> {
    if (h.store.settings.kind !== 'fs') return null;
    const root = h.store.settings.root;
    const sizes = await Promise.all(keys.map(async (k) => (await stat(path.join(root, k))).size));
    return sizes.reduce((a, b) => a + b, 0);
  }

  it(
    'a lutSize 65 job: at most CHECKPOINT_KEEP checkpoints while training, only artifacts after',
    { timeout: 300_000 },
    async () => {
      const job = await startJob(h, { params: { iterations: 16, lutSize: 65, seed: 1, patience: 100 } });
      const dir = `tenants/local/jobs/${job.jobId}/`;
      let peakCheckpoints = 0;
      let peakBytes = 0;
      let written = 0;
      const seen = new Set<string>();
      let done = false;
      const watching = (async () => {
        while (!done) {
          const keys = await h.store.raw.list(dir);
          const ckpts = keys.filter((k) => k.endsWith('.ckpt'));
          for (const k of ckpts) seen.add(k);
          peakCheckpoints = Math.max(peakCheckpoints, ckpts.length);
          peakBytes = Math.max(peakBytes, (await bytesOf(keys).catch(() => 0)) ?? 0);
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      try {
        await job.handle.result();
      } finally {
        done = true;
        await watching;
      }
      written = seen.size;
      // The latest, the one before it, and at most one being written.
      expect(peakCheckpoints).toBeLessThanOrEqual(3);
      expect(written).toBeGreaterThan(3);
      const artifacts = ['manifest.json', 'preview.png', 'style.cube'].map((n) => `${dir}artifacts/${n}`);
      expect(await h.store.raw.list(dir)).toEqual(artifacts);
      const blobs = await h.store.raw.list('tenants/local/blobs/');
      expect(blobs).toHaveLength(2); // the upload and its pixels, released, waiting for collection
      const before = await bytesOf([...artifacts, ...blobs]);
      const report = await h.deps.storage.collectGarbage({
        now: new Date(Date.now() + 2 * HOUR),
        blobGraceMs: HOUR,
        tempGraceMs: HOUR,
      });
      expect(report.blobsDeleted).toBe(2);
      expect(await h.store.raw.list('tenants/')).toEqual(artifacts);
      const after = await bytesOf(artifacts);
      console.log(
        `retention (${backend}): ${written} checkpoints written, at most ${peakCheckpoints} kept` +
          (after === null
            ? ''
            : `; peak ${(peakBytes / 1e6).toFixed(1)} MB during training, ${((before ?? 0) / 1e6).toFixed(2)} MB after success (artifacts + released blobs), ${(after / 1e6).toFixed(2)} MB after collection = the artifacts`),
      );
    },
  );
});
