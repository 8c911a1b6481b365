/**
 * Garbage collection and the writability probe on both backends: unreferenced blobs go
 * after their grace period, referenced ones stay, leftovers of interrupted writes go.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStorage } from '../../src/storage/create-storage.ts';
import { StorageUnavailableError } from '../../src/storage/types.ts';
import {
  BACKENDS,
  createTestStorage,
  storageForEachTest,
  s3SettingsFor,
} from '../helpers/storage-backends.ts';

const HOUR = 3_600_000;
const job = { tenantId: 'tenant-a', jobId: 'job-1' };
const later = (ms: number) => new Date(Date.now() + ms);

describe.each(BACKENDS)('retention on %s', (backend) => {
  const t = storageForEachTest(backend);

  it('collects blobs no job references once they are older than the grace period', async () => {
    const kept = await t.storage.putBlob('tenant-a', Buffer.from('referenced'), 'image/png');
    const orphan = await t.storage.putBlob('tenant-a', Buffer.from('orphan'), 'image/png');
    await t.storage.referenceBlobs(job, [kept.sha256]);
    // Within the grace period nothing goes, referenced or not.
    expect(
      await t.storage.collectGarbage({ now: new Date(), blobGraceMs: HOUR, tempGraceMs: HOUR }),
    ).toMatchObject({
      blobsDeleted: 0,
    });
    const report = await t.storage.collectGarbage({
      now: later(2 * HOUR),
      blobGraceMs: HOUR,
      tempGraceMs: HOUR,
    });
    expect(report).toMatchObject({ blobsDeleted: 1, blobBytesFreed: 6 });
    expect(await t.storage.hasBlob('tenant-a', orphan.sha256)).toBe(false);
    expect(await t.storage.hasBlob('tenant-a', kept.sha256)).toBe(true);
  });

  it('a job that releases its blobs (success, cancel) or is deleted lets them go', async () => {
    const image = await t.storage.putBlob('tenant-a', Buffer.from('image'), 'image/png');
    const other = { tenantId: 'tenant-a', jobId: 'job-2' };
    await t.storage.referenceBlobs(job, [image.sha256]);
    await t.storage.referenceBlobs(other, [image.sha256]);
    await t.storage.releaseBlobs(job);
    const gc = () => t.storage.collectGarbage({ now: later(2 * HOUR), blobGraceMs: HOUR, tempGraceMs: HOUR });
    expect((await gc()).blobsDeleted).toBe(0); // job-2 still needs it
    await t.storage.deleteJobData(other);
    expect((await gc()).blobsDeleted).toBe(1);
  });

  it('a reference in one tenant does not keep the same bytes of another tenant', async () => {
    const a = await t.storage.putBlob('tenant-a', Buffer.from('same'), 'image/png');
    await t.storage.putBlob('tenant-b', Buffer.from('same'), 'image/png');
    await t.storage.referenceBlobs(job, [a.sha256]);
    await t.storage.collectGarbage({ now: later(2 * HOUR), blobGraceMs: HOUR, tempGraceMs: HOUR });
    expect(await t.storage.hasBlob('tenant-a', a.sha256)).toBe(true);
    expect(await t.storage.hasBlob('tenant-b', a.sha256)).toBe(false);
  });

  if (backend === 'fs') {
    it('removes temp files an interrupted write left behind, once older than their grace period', async () => {
      const dir = path.join(t.dir, 'data', 'tenants', 'tenant-a', 'jobs', 'job-1', 'artifacts');
      await mkdir(dir, { recursive: true });
      const stale = path.join(dir, '.tmp-1234-dead');
      const fresh = path.join(dir, '.tmp-1234-live');
      await writeFile(stale, 'half a cube');
      await writeFile(fresh, 'being written');
      const old = new Date(Date.now() - 2 * HOUR);
      await utimes(stale, old, old);
      const report = await t.storage.collectGarbage({
        now: new Date(),
        blobGraceMs: HOUR,
        tempGraceMs: HOUR,
      });
      expect(report.temporariesDeleted).toBe(1);
      expect(await t.raw.list('tenants/')).toEqual(['tenants/tenant-a/jobs/job-1/artifacts/.tmp-1234-live']);
      // Temp files are never artifacts, whatever their age.
      expect(await t.storage.listArtifacts(job)).toEqual([]);
    });
  }

  it('checkWritable writes and removes a probe, leaving nothing behind', async () => {
    await t.storage.checkWritable();
    expect(await t.raw.list('tenants/')).toEqual([]);
    expect(await t.raw.list('_probe/')).toEqual([]);
  });
});

describe('checkWritable fails with the cause, and in bounded time', () => {
  it('fs: a root that cannot be a directory', async () => {
    const t = await createTestStorage('fs');
    try {
      await writeFile(path.join(t.dir, 'data'), 'a file where the data dir should be');
      const err = await t.storage.checkWritable().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageUnavailableError);
      expect((err as StorageUnavailableError).message).toMatch(/^E[A-Z]+: /);
    } finally {
      await t.remove();
    }
  });

  it('s3: an endpoint that accepts connections and never answers', async () => {
    const sockets: Socket[] = [];
    const hung: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    const { port } = hung.address() as { port: number };
    try {
      const settings = { ...s3SettingsFor('hung'), endpoint: `http://127.0.0.1:${port}` };
      const err = await createStorage(settings)
        .checkWritable()
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageUnavailableError);
      expect((err as StorageUnavailableError).code).toBe('ETIMEDOUT');
    } finally {
      for (const s of sockets) s.destroy();
      hung.close();
    }
  });

  it('s3: refused credentials name the cause', async () => {
    const settings = { ...s3SettingsFor('denied'), secretAccessKey: 'wrong' };
    const err = await createStorage(settings)
      .checkWritable()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageUnavailableError);
    expect((err as Error).message).toMatch(/HTTP 403 SignatureDoesNotMatch|InvalidAccessKeyId/);
  });
});
