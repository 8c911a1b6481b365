/**
 * Checkpoint semantics, one table of behaviours on both backends: claims and fencing,
 * compare-and-swap under concurrency, fallback past damage, pruning.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  StaleWriterError,
  StorageCorruptError,
  StorageNotFoundError,
  StorageUnavailableError,
  type CheckpointWriter,
} from '../../src/storage/types.ts';
import { BACKENDS, storageForEachTest } from '../helpers/storage-backends.ts';

const job = { tenantId: 'tenant-a', jobId: 'job-1' };
const dir = 'tenants/tenant-a/jobs/job-1/checkpoints/';
const writer = (attempt: number, run = 1, workflowRunId = 'run-a'): CheckpointWriter => ({
  workflowRunId,
  run,
  attempt,
});
const ckpt = (iteration: number, text = `state-${iteration}`) => ({
  iteration,
  loss: 1 / (iteration + 1),
  data: Buffer.from(text),
});

describe.each(BACKENDS)('checkpoints on %s', (backend) => {
  const t = storageForEachTest(backend);

  it('a job without checkpoints claims a clean start', async () => {
    expect(await t.storage.claimCheckpoints(job, writer(1))).toEqual({ checkpoint: null, skipped: [] });
    expect(await t.storage.readLatestCheckpoint(job)).toBeNull();
    expect(await t.storage.listCheckpoints(job)).toEqual([]);
  });

  it('writes, reads back the latest, lists oldest first, and the next claim continues from it', async () => {
    await t.storage.claimCheckpoints(job, writer(1));
    for (const i of [1, 2, 3]) await t.storage.writeCheckpoint(job, writer(1), ckpt(i));
    const latest = await t.storage.readLatestCheckpoint(job);
    expect(latest?.data.toString()).toBe('state-3');
    expect(latest?.record).toMatchObject({ iteration: 3, loss: 0.25, bytes: 7, writer: writer(1) });
    expect((await t.storage.listCheckpoints(job)).map((r) => r.iteration)).toEqual([1, 2, 3]);
    const claim = await t.storage.claimCheckpoints(job, writer(2));
    expect(claim.checkpoint?.data.toString()).toBe('state-3');
    expect(claim.skipped).toEqual([]);
  });

  it('fencing: a superseded attempt can neither write nor claim again', async () => {
    await t.storage.claimCheckpoints(job, writer(1));
    await t.storage.writeCheckpoint(job, writer(1), ckpt(1));
    await t.storage.claimCheckpoints(job, writer(2));
    await expect(t.storage.writeCheckpoint(job, writer(1), ckpt(2, 'late'))).rejects.toThrow(
      StaleWriterError,
    );
    await expect(t.storage.claimCheckpoints(job, writer(1))).rejects.toThrow(StaleWriterError);
    // A later run supersedes every attempt of an earlier one.
    await t.storage.claimCheckpoints(job, writer(1, 2));
    await expect(t.storage.writeCheckpoint(job, writer(7, 1), ckpt(2))).rejects.toThrow(StaleWriterError);
    await t.storage.writeCheckpoint(job, writer(1, 2), ckpt(2));
    expect((await t.storage.readLatestCheckpoint(job))?.data.toString()).toBe('state-2');
    // The refused writes left nothing behind.
    expect((await t.storage.listCheckpoints(job)).map((r) => r.writer.attempt)).toEqual([1, 1]);
  });

  it('a write without a claim is refused (after a deletion, say)', async () => {
    await expect(t.storage.writeCheckpoint(job, writer(1), ckpt(1))).rejects.toThrow(StaleWriterError);
    await t.storage.claimCheckpoints(job, writer(1));
    await t.storage.deleteCheckpoints(job);
    await expect(t.storage.writeCheckpoint(job, writer(1), ckpt(1))).rejects.toThrow(StaleWriterError);
    expect(await t.raw.list(dir)).toEqual([]);
  });

  it('a new workflow execution (reset) takes the line over from any writer of the old one', async () => {
    await t.storage.claimCheckpoints(job, writer(3, 5, 'run-a'));
    await t.storage.writeCheckpoint(job, writer(3, 5, 'run-a'), ckpt(4));
    const claim = await t.storage.claimCheckpoints(job, writer(1, 1, 'run-b'));
    expect(claim.checkpoint?.record.iteration).toBe(4);
    await expect(t.storage.writeCheckpoint(job, writer(3, 5, 'run-a'), ckpt(5))).rejects.toThrow(
      StaleWriterError,
    );
  });

  it('concurrent claims: the newest attempt owns the line, whatever the order', async () => {
    const attempts = [5, 2, 8, 1, 7, 3, 6, 4];
    const results = await Promise.allSettled(attempts.map((a) => t.storage.claimCheckpoints(job, writer(a))));
    expect(results[attempts.indexOf(8)].status).toBe('fulfilled');
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StaleWriterError);
    await t.storage.writeCheckpoint(job, writer(8), ckpt(1));
    for (const a of [1, 7])
      await expect(t.storage.writeCheckpoint(job, writer(a), ckpt(2))).rejects.toThrow(StaleWriterError);
  });

  it('concurrent writes of one writer all land; the head moves by compare-and-swap', async () => {
    await t.storage.claimCheckpoints(job, writer(1));
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.storage.writeCheckpoint(job, writer(1), ckpt(i + 1))),
    );
    expect(await t.storage.listCheckpoints(job)).toHaveLength(8);
    const latest = await t.storage.readLatestCheckpoint(job);
    expect(latest?.data.toString()).toBe(`state-${latest?.record.iteration}`);
  });

  describe('fallback past damage', () => {
    beforeEach(async () => {
      await t.storage.claimCheckpoints(job, writer(1));
      for (const i of [1, 2, 3]) await t.storage.writeCheckpoint(job, writer(1), ckpt(i));
    });
    const nameOf = async (iteration: number) =>
      (await t.storage.listCheckpoints(job)).find((r) => r.iteration === iteration)!.key;

    it('a garbage latest record: the claim continues from the newest valid checkpoint and says so', async () => {
      await t.raw.put(await t.raw.currentVersionKey(`${dir}latest.json`), '{"writer": garbage');
      await expect(t.storage.readLatestCheckpoint(job)).rejects.toThrow(StorageCorruptError);
      const claim = await t.storage.claimCheckpoints(job, writer(2));
      expect(claim.checkpoint?.data.toString()).toBe('state-3');
      expect(claim.skipped).toEqual([
        { key: null, reason: expect.stringContaining('latest record is unreadable') },
      ]);
      // The claim repaired the head.
      expect((await t.storage.readLatestCheckpoint(job))?.record.iteration).toBe(3);
    });

    it('the latest checkpoint’s data missing: back to the previous one', async () => {
      const latest = await nameOf(3);
      await t.raw.delete(`${dir}${latest}.ckpt`);
      await expect(t.storage.readLatestCheckpoint(job)).rejects.toThrow(StorageNotFoundError);
      const claim = await t.storage.claimCheckpoints(job, writer(2));
      expect(claim.checkpoint?.data.toString()).toBe('state-2');
      expect(claim.skipped).toEqual([{ key: latest, reason: 'its data is missing' }]);
    });

    it('the latest checkpoint’s data damaged: back to the previous one', async () => {
      const latest = await nameOf(3);
      await t.raw.put(`${dir}${latest}.ckpt`, 'state-X');
      await expect(t.storage.readLatestCheckpoint(job)).rejects.toThrow(StorageCorruptError);
      const claim = await t.storage.claimCheckpoints(job, writer(2));
      expect(claim.checkpoint?.data.toString()).toBe('state-2');
      expect(claim.skipped[0]).toEqual({ key: latest, reason: expect.stringContaining('does not match') });
    });

    it('the latest record deleted: the newest checkpoint on record, reported', async () => {
      for (const key of await t.raw.list(dir)) if (key.includes('latest.json')) await t.raw.delete(key);
      const claim = await t.storage.claimCheckpoints(job, writer(2));
      expect(claim.checkpoint?.data.toString()).toBe('state-3');
      expect(claim.skipped).toEqual([{ key: null, reason: 'latest record is missing' }]);
    });

    it('nothing usable at all: a clean start that lists every reason', async () => {
      for (const i of [1, 2, 3]) await t.raw.delete(`${dir}${await nameOf(i)}.ckpt`);
      const claim = await t.storage.claimCheckpoints(job, writer(2));
      expect(claim.checkpoint).toBeNull();
      expect(claim.skipped.map((s) => s.reason)).toEqual(Array(3).fill('its data is missing'));
      await t.storage.writeCheckpoint(job, writer(2), ckpt(1, 'fresh'));
      expect((await t.storage.readLatestCheckpoint(job))?.data.toString()).toBe('fresh');
    });

    it('a damaged latest record stops a running writer with a transient error (its next attempt re-claims)', async () => {
      await t.raw.put(await t.raw.currentVersionKey(`${dir}latest.json`), 'not json');
      await expect(t.storage.writeCheckpoint(job, writer(1), ckpt(4))).rejects.toThrow(
        StorageUnavailableError,
      );
    });
  });

  it('prune keeps the newest checkpoints and the latest, never a newer write in flight', async () => {
    await t.storage.claimCheckpoints(job, writer(1));
    for (const i of [1, 2, 3, 4, 5]) await t.storage.writeCheckpoint(job, writer(1), ckpt(i));
    // What a newer attempt writes before its head moves: above the latest iteration.
    await t.raw.put(`${dir}000009-0badc0de.ckpt`, 'in flight');
    expect(await t.storage.pruneCheckpoints(job, 2)).toBe(3);
    expect((await t.storage.listCheckpoints(job)).map((r) => r.iteration)).toEqual([4, 5]);
    expect((await t.storage.readLatestCheckpoint(job))?.data.toString()).toBe('state-5');
    expect(await t.raw.get(`${dir}000009-0badc0de.ckpt`)).not.toBeNull();
    expect(await t.storage.pruneCheckpoints(job, 1)).toBe(1);
    expect((await t.storage.listCheckpoints(job)).map((r) => r.iteration)).toEqual([5]);
  });

  it('deleteCheckpoints removes them all, is idempotent, and leaves artifacts alone', async () => {
    await t.storage.claimCheckpoints(job, writer(1));
    await t.storage.writeCheckpoint(job, writer(1), ckpt(1));
    await t.storage.writeArtifact(job, 'style.cube', Buffer.from('LUT'), 'text/plain');
    await t.storage.deleteCheckpoints(job);
    await t.storage.deleteCheckpoints(job);
    expect(await t.storage.readLatestCheckpoint(job)).toBeNull();
    expect(await t.storage.listCheckpoints(job)).toEqual([]);
    expect((await t.storage.listArtifacts(job)).map((a) => a.name)).toEqual(['style.cube']);
  });

  it('checkpoints of equal job ids in two tenants never meet', async () => {
    const other = { tenantId: 'tenant-b', jobId: 'job-1' };
    await t.storage.claimCheckpoints(job, writer(1));
    await t.storage.writeCheckpoint(job, writer(1), ckpt(1, 'mine'));
    expect(await t.storage.readLatestCheckpoint(other)).toBeNull();
    expect((await t.storage.claimCheckpoints(other, writer(1))).checkpoint).toBeNull();
  });

  it('refuses a non-finite loss and a bad iteration before writing anything', async () => {
    await t.storage.claimCheckpoints(job, writer(1));
    await expect(t.storage.writeCheckpoint(job, writer(1), { ...ckpt(1), loss: Number.NaN })).rejects.toThrow(
      RangeError,
    );
    await expect(t.storage.writeCheckpoint(job, writer(1), { ...ckpt(1), iteration: -1 })).rejects.toThrow(
      /iteration/,
    );
    expect(await t.storage.listCheckpoints(job)).toEqual([]);
  });
});
