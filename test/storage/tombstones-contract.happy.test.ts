/** Tombstones of deleted jobs on both backends: per tenant, replaced by the next delete, outliving the job's data. */
import { describe, expect, it } from 'vitest';
import { BACKENDS, storageForEachTest } from '../helpers/storage-backends.ts';

const jobA = { tenantId: 'tenant-a', jobId: 'job-1' };

describe.each(BACKENDS)('tombstones on %s', (backend) => {
  const t = storageForEachTest(backend);

  it('none for a job never deleted; the run id once written, under the tenant', async () => {
    expect(await t.storage.readTombstone(jobA)).toBeNull();
    await t.storage.writeTombstone(jobA, 'run-1');
    expect(await t.storage.readTombstone(jobA)).toBe('run-1');
    expect(await t.raw.list('tenants/')).toEqual(['tenants/tenant-a/tombstones/job-1']);
  });

  it("another tenant's job with the same id has no tombstone", async () => {
    await t.storage.writeTombstone(jobA, 'run-1');
    expect(await t.storage.readTombstone({ tenantId: 'tenant-b', jobId: 'job-1' })).toBeNull();
  });

  it('the next delete of a reused id replaces the tombstone', async () => {
    await t.storage.writeTombstone(jobA, 'run-1');
    await t.storage.writeTombstone(jobA, 'run-2');
    expect(await t.storage.readTombstone(jobA)).toBe('run-2');
  });

  it("outlives the job's data and garbage collection: it marks the deleted run until Temporal forgets it", async () => {
    await t.storage.writeArtifact(jobA, 'style.cube', Buffer.from('lut'), 'text/plain');
    await t.storage.writeTombstone(jobA, 'run-1');
    await t.storage.deleteJobData(jobA);
    await t.storage.collectGarbage({ blobGraceMs: 0, tempGraceMs: 0 });
    expect(await t.storage.listArtifacts(jobA)).toEqual([]);
    expect(await t.storage.readTombstone(jobA)).toBe('run-1');
  });

  it('a pack style id (`<pack>.<n>`) has a tombstone of its own', async () => {
    const style = { tenantId: 'tenant-a', jobId: 'pack-1.2' };
    await t.storage.writeTombstone(style, 'run-9');
    expect(await t.storage.readTombstone(style)).toBe('run-9');
    expect(await t.storage.readTombstone({ tenantId: 'tenant-a', jobId: 'pack-1.1' })).toBeNull();
  });
});
