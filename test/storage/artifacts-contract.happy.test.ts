/** Artifact semantics on both backends: immutability, streaming, listing, deletion, presigning. */
import { createHash } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import {
  ArtifactConflictError,
  StorageNotFoundError,
  type CheckpointWriter,
} from '../../src/storage/types.ts';
import { BACKENDS, createTestStorage, storageForEachTest } from '../helpers/storage-backends.ts';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const job = { tenantId: 'tenant-a', jobId: 'job-1' };
const writer: CheckpointWriter = { workflowRunId: 'run-a', run: 1, attempt: 1 };

describe.each(BACKENDS)('artifacts on %s', (backend) => {
  const t = storageForEachTest(backend);

  it('round-trips, lists name/bytes/sha256 sorted by name, and streams with size and hash', async () => {
    await t.storage.writeArtifact(job, 'style.cube', Buffer.from('LUT'), 'text/plain');
    const info = await t.storage.writeArtifact(job, 'manifest.json', Buffer.from('{}'), 'application/json');
    expect(info).toEqual({ name: 'manifest.json', bytes: 2, sha256: sha('{}') });
    expect((await t.storage.readArtifact(job, 'style.cube')).toString()).toBe('LUT');
    expect(await t.storage.listArtifacts(job)).toEqual([
      info,
      { name: 'style.cube', bytes: 3, sha256: sha('LUT') },
    ]);
    const download = await t.storage.openArtifact(job, 'style.cube');
    expect(download).toMatchObject({
      name: 'style.cube',
      bytes: 3,
      sha256: sha('LUT'),
      contentType: 'text/plain; charset=utf-8',
    });
    expect(await text(download.body)).toBe('LUT');
  });

  it('is immutable: the same bytes again are a no-op, other bytes are refused', async () => {
    const first = await t.storage.writeArtifact(job, 'style.cube', Buffer.from('LUT'), 'text/plain');
    expect(await t.storage.writeArtifact(job, 'style.cube', Buffer.from('LUT'), 'text/plain')).toEqual(first);
    await expect(
      t.storage.writeArtifact(job, 'style.cube', Buffer.from('other'), 'text/plain'),
    ).rejects.toThrow(ArtifactConflictError);
    expect((await t.storage.readArtifact(job, 'style.cube')).toString()).toBe('LUT');
  });

  it('concurrent publishers of different bytes: exactly one wins, readers only ever see it whole', async () => {
    const versions = Array.from({ length: 6 }, (_, i) => Buffer.alloc(64 * 1024 + i, 65 + i));
    const results = await Promise.allSettled(
      versions.map((v) => t.storage.writeArtifact(job, 'style.cube', v, 'text/plain')),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ArtifactConflictError);
    const final = await t.storage.readArtifact(job, 'style.cube');
    expect(sha(final)).toBe((won[0] as PromiseFulfilledResult<{ sha256: string }>).value.sha256);
  });

  it('missing artifacts are StorageNotFoundError; an unknown job lists nothing', async () => {
    await expect(t.storage.readArtifact(job, 'style.cube')).rejects.toThrow(StorageNotFoundError);
    await expect(t.storage.openArtifact(job, 'style.cube')).rejects.toThrow(StorageNotFoundError);
    expect(await t.storage.listArtifacts({ tenantId: 'tenant-a', jobId: 'nobody' })).toEqual([]);
  });

  it('delete is idempotent and leaves the other artifacts', async () => {
    await t.storage.writeArtifact(job, 'style.cube', Buffer.from('LUT'), 'text/plain');
    await t.storage.writeArtifact(job, 'preview.png', Buffer.from('png'), 'image/png');
    await t.storage.deleteArtifact(job, 'style.cube');
    await t.storage.deleteArtifact(job, 'style.cube');
    await t.storage.deleteArtifact({ tenantId: 'tenant-a', jobId: 'never-existed' }, 'style.cube');
    expect((await t.storage.listArtifacts(job)).map((a) => a.name)).toEqual(['preview.png']);
    // Deleted, a name can be published afresh (a job re-created under the same id).
    await t.storage.writeArtifact(job, 'style.cube', Buffer.from('new'), 'text/plain');
  });

  it('equal job ids in two tenants never meet', async () => {
    const other = { tenantId: 'tenant-b', jobId: 'job-1' };
    await t.storage.writeArtifact(job, 'style.cube', Buffer.from('mine'), 'text/plain');
    expect(await t.storage.listArtifacts(other)).toEqual([]);
    await t.storage.writeArtifact(other, 'style.cube', Buffer.from('theirs'), 'text/plain');
    expect((await t.storage.readArtifact(job, 'style.cube')).toString()).toBe('mine');
  });

  it('pack children (`<packId>.<n>`) are jobs of their own', async () => {
    const child = { tenantId: 'tenant-a', jobId: 'pack1.2' };
    await t.storage.writeArtifact(child, 'style.cube', Buffer.from('child'), 'text/plain');
    expect((await t.storage.listArtifacts(child)).map((a) => a.name)).toEqual(['style.cube']);
    expect(await t.storage.listArtifacts({ tenantId: 'tenant-a', jobId: 'pack1' })).toEqual([]);
  });

  it('deleteJobData removes checkpoints, artifacts and blob references of that job only; blobs stay', async () => {
    const ref = await t.storage.putBlob('tenant-a', Buffer.from('image'), 'image/png');
    await t.storage.referenceBlobs(job, [ref.sha256]);
    await t.storage.claimCheckpoints(job, writer);
    await t.storage.writeCheckpoint(job, writer, { iteration: 1, loss: 0.1, data: Buffer.from('c') });
    await t.storage.writeArtifact(job, 'style.cube', Buffer.from('LUT'), 'text/plain');
    const other = { tenantId: 'tenant-a', jobId: 'job-2' };
    await t.storage.writeArtifact(other, 'style.cube', Buffer.from('other'), 'text/plain');
    await t.storage.deleteJobData(job);
    await t.storage.deleteJobData(job);
    expect(await t.raw.list('tenants/tenant-a/jobs/job-1/')).toEqual([]);
    expect(await t.storage.hasBlob('tenant-a', ref.sha256)).toBe(true);
    expect((await t.storage.readArtifact(other, 'style.cube')).toString()).toBe('other');
  });

  if (backend === 's3') {
    it('with presigning configured, a download is a short-lived URL that serves the bytes', async () => {
      const presigning = await createTestStorage('s3', { presign: true });
      try {
        await presigning.storage.writeArtifact(
          job,
          'style.cube',
          Buffer.from('LUT 3D'),
          'text/plain; charset=utf-8',
        );
        const url = await presigning.storage.presignArtifact!(job, 'style.cube', 60);
        expect(url).toMatch(/X-Amz-Expires=60/);
        const res = await fetch(url);
        expect(res.status).toBe(200);
        expect(await res.text()).toBe('LUT 3D');
        expect(res.headers.get('content-disposition')).toBe('attachment; filename="style.cube"');
        await expect(presigning.storage.presignArtifact!(job, 'missing.png', 60)).rejects.toThrow(
          StorageNotFoundError,
        );
      } finally {
        await presigning.remove();
      }
    });
  } else {
    it('has no presigned downloads', () => {
      expect(t.storage.presignArtifact).toBeUndefined();
    });
  }
});
