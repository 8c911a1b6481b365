import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isValidKey, resolveInside } from '../../src/storage/keys.ts';
import { InvalidStorageKeyError, type Storage } from '../../src/storage/types.ts';
import { BACKENDS, createTestStorage, type TestStorage } from '../helpers/storage-backends.ts';

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
  let t: TestStorage;
  let storage: Storage;

  beforeEach(async () => {
    t = await createTestStorage(backend);
    storage = t.storage;
  });
  afterEach(async () => {
    // Nothing may exist anywhere: not outside the fs root, not even the root; no S3 object.
    expect(await readdir(t.dir, { recursive: true })).toEqual([]);
    expect(await t.raw.list()).toEqual([]);
    await t.remove();
  });

  it.each(HOSTILE)('job id: %s', async (_label, jobId) => {
    const calls: Array<() => unknown> = [
      () => storage.claimCheckpoints(job(jobId), writer),
      () => storage.writeCheckpoint(job(jobId), writer, { iteration: 1, loss: 0.5, data: bytes }),
      () => storage.readLatestCheckpoint(job(jobId)),
      () => storage.listCheckpoints(job(jobId)),
      () => storage.pruneCheckpoints(job(jobId), 2),
      () => storage.deleteCheckpoints(job(jobId)),
      () => storage.writeArtifact(job(jobId), 'style.cube', bytes, 'text/plain'),
      () => storage.readArtifact(job(jobId), 'style.cube'),
      () => storage.openArtifact(job(jobId), 'style.cube'),
      () => storage.listArtifacts(job(jobId)),
      () => storage.deleteArtifact(job(jobId), 'style.cube'),
      () => storage.deleteJobData(job(jobId)),
      () => storage.referenceBlobs(job(jobId), ['a'.repeat(64)]),
      () => storage.releaseBlobs(job(jobId)),
    ];
    for (const call of calls)
      await expect(Promise.resolve().then(call)).rejects.toThrow(InvalidStorageKeyError);
  });

  it.each(HOSTILE)('tenant id: %s', async (_label, tenantId) => {
    await expect(storage.putBlob(tenantId, bytes, 'image/png')).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.getBlob(tenantId, 'a'.repeat(64))).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.listArtifacts({ tenantId, jobId: 'job-1' })).rejects.toThrow(InvalidStorageKeyError);
  });

  it.each(HOSTILE_NAMES)('artifact name: %s', async (_label, name) => {
    await expect(storage.writeArtifact(job('job-1'), name, bytes, 'text/plain')).rejects.toThrow(
      InvalidStorageKeyError,
    );
    await expect(storage.readArtifact(job('job-1'), name)).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.openArtifact(job('job-1'), name)).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.deleteArtifact(job('job-1'), name)).rejects.toThrow(InvalidStorageKeyError);
  });

  it.each(HOSTILE_SHA)('blob sha256: %s', async (_label, sha) => {
    await expect(storage.getBlob('tenant-a', sha)).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.hasBlob('tenant-a', sha)).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.referenceBlobs(job('job-1'), [sha])).rejects.toThrow(InvalidStorageKeyError);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])(
    'checkpoint iteration %s',
    async (iteration) => {
      await expect(
        storage.writeCheckpoint(job('job-1'), writer, { iteration, loss: 0, data: bytes }),
      ).rejects.toThrow(InvalidStorageKeyError);
    },
  );

  it.each([
    ['no run id', { workflowRunId: '', run: 1, attempt: 1 }],
    ['attempt 0', { workflowRunId: 'r', run: 1, attempt: 0 }],
    ['a string run', { workflowRunId: 'r', run: '1', attempt: 1 }],
  ])('checkpoint writer with %s', async (_label, bad) => {
    await expect(storage.claimCheckpoints(job('job-1'), bad as never)).rejects.toThrow(
      InvalidStorageKeyError,
    );
  });

  it('non-string ids from untyped JSON are rejected too', async () => {
    const sneaky = { toString: () => '../x' } as unknown as string;
    await expect(storage.listArtifacts(job(sneaky))).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.getBlob('tenant-a', undefined as unknown as string)).rejects.toThrow(
      InvalidStorageKeyError,
    );
    await expect(storage.listArtifacts(null as never)).rejects.toThrow(InvalidStorageKeyError);
  });
});

describe('key rules', () => {
  it.each([
    ['jobId', 'a'.repeat(64)],
    ['jobId', 'job_1-A'],
    ['jobId', 'pack1.2'],
    ['jobId', 'pack1.999'],
    ['tenantId', 'tenant_A-1'],
    ['artifactName', 'style.cube'],
    ['artifactName', 'manifest.json'],
    ['artifactName', `a${'b'.repeat(127)}`],
    ['sha256', 'ab'.repeat(32)],
  ] as const)('%s %j is accepted', (kind, value) => {
    expect(isValidKey(kind, value)).toBe(true);
  });

  it.each(['a.b', 'pack1.0', 'pack1.01', 'pack1.1000', 'pack1.2.3', 'pack1.', '.2', 'pack1..2'])(
    'job id %j is refused: a dot only as a pack child’s `.<n>`',
    (value) => {
      expect(isValidKey('jobId', value)).toBe(false);
    },
  );

  it('resolveInside refuses a path that leaves the root even with unchecked segments', () => {
    expect(() => resolveInside('/data', '..', 'etc')).toThrow(InvalidStorageKeyError);
    expect(() => resolveInside('/data', '/etc/passwd')).toThrow(InvalidStorageKeyError);
    expect(() => resolveInside('/data', '.')).toThrow(InvalidStorageKeyError);
    expect(() => resolveInside('/data', '../data-evil/x')).toThrow(InvalidStorageKeyError);
    expect(resolveInside('/data', 'jobs', 'a')).toBe('/data/jobs/a');
  });
});
