/** Hostile ids and names against every storage call, on both backends (the key rules themselves: key-rules.unit). */
import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidStorageKeyError } from '../../src/storage/types.ts';
import { BACKENDS, storageForEachTest } from '../helpers/storage-backends.ts';

// Hostile to every kind of key: traversal, absolute paths, encodings, separators, control
// bytes, length limits and look-alike unicode.
const HOSTILE = [
  ['dot-dot', '..'],
  ['dot', '.'],
  ['traversal', '../x'],
  ['deep traversal', '../../../../etc/passwd'],
  ['absolute', '/etc/passwd'],
  ['url-encoded traversal', '%2e%2e%2f'],
  ['slash', 'a/b'],
  ['backslash', 'a\\b'],
  ['NUL byte', 'a\0b'],
  ['newline', 'ab\n'],
  ['empty', ''],
  ['65 chars', 'a'.repeat(65)],
  ['unicode', 'jöb'],
  ['fullwidth dots', '．．'],
  ['right-to-left override', 'a\u202eb'],
  ['space', 'a b'],
] as const;

const HOSTILE_NAMES = [
  ...HOSTILE.filter(([label]) => label !== '65 chars'),
  ['129 chars', 'a'.repeat(129)],
  ['hidden file', '.env'],
  ['embedded dot-dot', 'a..b'],
  ['trailing dot-dot', 'style..'],
] as const;

const HOSTILE_SHA = [
  ...HOSTILE,
  ['uppercase', 'A'.repeat(64)],
  ['63 hex', 'a'.repeat(63)],
  ['65 hex', 'a'.repeat(65)],
] as const;

const bytes = Buffer.from('x');

const job = (jobId: string) => ({ tenantId: 'tenant-a', jobId });
const writer = { workflowRunId: 'run-a', run: 1, attempt: 1 };

describe.each(BACKENDS)('hostile ids are rejected before anything is stored (%s)', (backend) => {
  const t = storageForEachTest(backend);
  // Runs before the storage is removed (after-hooks run in reverse order).
  afterEach(async () => {
    // Nothing may exist anywhere: not outside the fs root, not even the root; no S3 object.
    expect(await readdir(t.dir, { recursive: true })).toEqual([]);
    expect(await t.raw.list()).toEqual([]);
  });

  it.each(HOSTILE)('job id: %s', async (_label, jobId) => {
    const calls: Array<() => unknown> = [
      () => t.storage.claimCheckpoints(job(jobId), writer),
      () => t.storage.writeCheckpoint(job(jobId), writer, { iteration: 1, loss: 0.5, data: bytes }),
      () => t.storage.readLatestCheckpoint(job(jobId)),
      () => t.storage.listCheckpoints(job(jobId)),
      () => t.storage.pruneCheckpoints(job(jobId), 2),
      () => t.storage.deleteCheckpoints(job(jobId)),
      () => t.storage.writeArtifact(job(jobId), 'style.cube', bytes, 'text/plain'),
      () => t.storage.readArtifact(job(jobId), 'style.cube'),
      () => t.storage.openArtifact(job(jobId), 'style.cube'),
      () => t.storage.listArtifacts(job(jobId)),
      () => t.storage.deleteArtifact(job(jobId), 'style.cube'),
      () => t.storage.deleteJobData(job(jobId)),
      () => t.storage.referenceBlobs(job(jobId), ['a'.repeat(64)]),
      () => t.storage.releaseBlobs(job(jobId)),
      () => t.storage.writeTombstone(job(jobId), 'run-a'),
      () => t.storage.readTombstone(job(jobId)),
    ];
    for (const call of calls)
      await expect(Promise.resolve().then(call)).rejects.toThrow(InvalidStorageKeyError);
  });

  it.each(HOSTILE)('tenant id: %s', async (_label, tenantId) => {
    await expect(t.storage.putBlob(tenantId, bytes, 'image/png')).rejects.toThrow(InvalidStorageKeyError);
    await expect(t.storage.getBlob(tenantId, 'a'.repeat(64))).rejects.toThrow(InvalidStorageKeyError);
    await expect(t.storage.listArtifacts({ tenantId, jobId: 'job-1' })).rejects.toThrow(
      InvalidStorageKeyError,
    );
    await expect(t.storage.writeTombstone({ tenantId, jobId: 'job-1' }, 'run-a')).rejects.toThrow(
      InvalidStorageKeyError,
    );
    await expect(t.storage.readTombstone({ tenantId, jobId: 'job-1' })).rejects.toThrow(
      InvalidStorageKeyError,
    );
  });

  it.each(HOSTILE_NAMES)('artifact name: %s', async (_label, name) => {
    await expect(t.storage.writeArtifact(job('job-1'), name, bytes, 'text/plain')).rejects.toThrow(
      InvalidStorageKeyError,
    );
    await expect(t.storage.readArtifact(job('job-1'), name)).rejects.toThrow(InvalidStorageKeyError);
    await expect(t.storage.openArtifact(job('job-1'), name)).rejects.toThrow(InvalidStorageKeyError);
    await expect(t.storage.deleteArtifact(job('job-1'), name)).rejects.toThrow(InvalidStorageKeyError);
  });

  it.each(HOSTILE_SHA)('blob sha256: %s', async (_label, sha) => {
    await expect(t.storage.getBlob('tenant-a', sha)).rejects.toThrow(InvalidStorageKeyError);
    await expect(t.storage.hasBlob('tenant-a', sha)).rejects.toThrow(InvalidStorageKeyError);
    await expect(t.storage.referenceBlobs(job('job-1'), [sha])).rejects.toThrow(InvalidStorageKeyError);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])(
    'checkpoint iteration %s',
    async (iteration) => {
      await expect(
        t.storage.writeCheckpoint(job('job-1'), writer, { iteration, loss: 0, data: bytes }),
      ).rejects.toThrow(InvalidStorageKeyError);
    },
  );

  it.each([
    ['no run id', { workflowRunId: '', run: 1, attempt: 1 }],
    ['attempt 0', { workflowRunId: 'r', run: 1, attempt: 0 }],
    ['a string run', { workflowRunId: 'r', run: '1', attempt: 1 }],
  ])('checkpoint writer with %s', async (_label, bad) => {
    await expect(t.storage.claimCheckpoints(job('job-1'), bad as never)).rejects.toThrow(
      InvalidStorageKeyError,
    );
  });

  it('non-string ids from untyped JSON are rejected too', async () => {
    const sneaky = { toString: () => '../x' } as unknown as string;
    await expect(t.storage.listArtifacts(job(sneaky))).rejects.toThrow(InvalidStorageKeyError);
    await expect(t.storage.getBlob('tenant-a', undefined as unknown as string)).rejects.toThrow(
      InvalidStorageKeyError,
    );
    await expect(t.storage.listArtifacts(null as never)).rejects.toThrow(InvalidStorageKeyError);
  });
});
