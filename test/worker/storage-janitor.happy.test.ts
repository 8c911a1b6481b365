/**
 * What a publish killed mid-write leaves behind — a dot-prefixed temp file beside the
 * artifacts, 5.8 MB in issue 12 — is never listed, and the orchestration worker collects
 * it once it is older than the temp grace period (on start, then hourly). On the code
 * before this test existed it stayed for good.
 */
import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMP_GRACE_MS } from '../../src/worker/storage-janitor.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { localJob } from '../helpers/jobs.ts';
import { startWorkerProcess } from '../helpers/worker-process.ts';

describe('the orchestration worker collects storage garbage', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('a temp file left by a killed publish is collected at start; a young one and the artifacts stay', async () => {
    const job = localJob('published');
    const dir = `tenants/local/jobs/${job.jobId}/artifacts/`;
    await h.deps.storage.writeArtifact(job, 'style.cube', Buffer.from('TITLE "x"\n'), 'text/plain');
    // Exactly what atomic-file.ts leaves when killed between creating and renaming its temp file.
    await h.store.raw.put(`${dir}.tmp-4242-0b4f3c1e-dead`, Buffer.alloc(512 * 1024, 1));
    await h.store.raw.put(`${dir}.tmp-4243-5e1f9a2b-live`, Buffer.alloc(1024, 2));
    const old = new Date(Date.now() - TEMP_GRACE_MS - 60_000);
    await utimes(path.join(h.dataDir, `${dir}.tmp-4242-0b4f3c1e-dead`), old, old);
    expect((await h.deps.storage.listArtifacts(job)).map((a) => a.name)).toEqual(['style.cube']);

    const worker = await startWorkerProcess(h, 'orchestration');
    try {
      const deadline = Date.now() + 30_000;
      while (!worker.output().includes('storage garbage collected') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(worker.output()).toMatch(/"temporariesDeleted":1.*storage garbage collected/);
    } finally {
      await worker.kill('SIGTERM');
    }
    expect(await h.store.raw.list(dir)).toEqual([`${dir}.tmp-4243-5e1f9a2b-live`, `${dir}style.cube`]);
  });
});
