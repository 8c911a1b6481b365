import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StorageNotFoundError } from '../../src/storage/types.ts';
import { useTempStorage } from '../helpers/temp-data-dir.ts';

const { tmp, storage } = useTempStorage();

const ckptDir = () => path.join(tmp.dataDir, 'jobs', 'job-1', 'checkpoints');

describe('checkpoints', () => {
  it('a job without checkpoints has no latest and an empty list', async () => {
    expect(await storage.readLatestCheckpoint('job-1')).toBeNull();
    expect(await storage.listCheckpoints('job-1')).toEqual([]);
  });

  it('writes a checkpoint with a padded key and returns its record', async () => {
    const record = await storage.writeCheckpoint('job-1', 42, 0.25, Buffer.from('state-42'));
    expect(record).toMatchObject({ key: 'job-1/000042.ckpt', iteration: 42, loss: 0.25 });
    expect(Number.isNaN(Date.parse(record.createdAt))).toBe(false);
    expect(await readFile(path.join(ckptDir(), '000042.ckpt'), 'utf8')).toBe('state-42');
    expect(JSON.parse(await readFile(path.join(ckptDir(), 'latest.json'), 'utf8'))).toEqual(record);
  });

  it('the latest record moves with each write; older checkpoints are kept and listed by iteration', async () => {
    for (const i of [1, 2, 10, 1_234_567, 3]) {
      await storage.writeCheckpoint('job-1', i, 1 / i, Buffer.from(`state-${i}`));
      const latest = await storage.readLatestCheckpoint('job-1');
      expect(latest?.record.iteration).toBe(i);
      expect(latest?.data.toString()).toBe(`state-${i}`);
    }
    const listed = await storage.listCheckpoints('job-1');
    expect(listed.map((c) => c.iteration)).toEqual([1, 2, 3, 10, 1_234_567]);
    expect(listed[4]).toMatchObject({ key: 'job-1/1234567.ckpt', loss: 1 / 1_234_567 });
  });

  it('rewriting the same iteration (a retried attempt) replaces it', async () => {
    await storage.writeCheckpoint('job-1', 5, 0.5, Buffer.from('first'));
    await storage.writeCheckpoint('job-1', 5, 0.4, Buffer.from('second'));
    expect((await storage.readLatestCheckpoint('job-1'))?.data.toString()).toBe('second');
    expect(await storage.listCheckpoints('job-1')).toHaveLength(1);
  });

  it('jobs are isolated from each other', async () => {
    await storage.writeCheckpoint('job-1', 1, 0.1, Buffer.from('a'));
    await storage.writeCheckpoint('job-2', 7, 0.7, Buffer.from('b'));
    expect((await storage.readLatestCheckpoint('job-1'))?.record.key).toBe('job-1/000001.ckpt');
    expect((await storage.readLatestCheckpoint('job-2'))?.record.key).toBe('job-2/000007.ckpt');
  });

  it('concurrent writes of many iterations leave a valid latest and every checkpoint listed', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        storage.writeCheckpoint('job-1', i, i, Buffer.alloc(64 * 1024, i)),
      ),
    );
    const latest = await storage.readLatestCheckpoint('job-1');
    expect(latest?.data.equals(Buffer.alloc(64 * 1024, latest.record.iteration))).toBe(true);
    expect((await storage.listCheckpoints('job-1')).map((c) => c.iteration)).toEqual([...Array(20).keys()]);
    expect((await tmp.list(ckptDir())).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('deleteCheckpoints removes them all (idempotent) and keeps artifacts', async () => {
    await storage.writeCheckpoint('job-1', 1, 0.1, Buffer.from('a'));
    await storage.writeArtifact('job-1', 'style.cube', Buffer.from('LUT'));
    await storage.deleteCheckpoints('job-1');
    await storage.deleteCheckpoints('job-1');
    expect(await storage.readLatestCheckpoint('job-1')).toBeNull();
    expect(await storage.listCheckpoints('job-1')).toEqual([]);
    expect((await storage.listArtifacts('job-1')).map((a) => a.name)).toEqual(['style.cube']);
  });

  it('a latest record whose data was removed from outside is StorageNotFoundError, not a silent restart', async () => {
    await storage.writeCheckpoint('job-1', 3, 0.3, Buffer.from('c'));
    await rm(path.join(ckptDir(), '000003.ckpt'));
    await expect(storage.readLatestCheckpoint('job-1')).rejects.toThrow(StorageNotFoundError);
  });

  it('a non-finite loss is refused (JSON would store it as null)', async () => {
    await expect(storage.writeCheckpoint('job-1', 1, Number.NaN, Buffer.from('a'))).rejects.toThrow(
      RangeError,
    );
    expect(await storage.readLatestCheckpoint('job-1')).toBeNull();
  });
});
