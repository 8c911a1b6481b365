import { afterEach, describe, expect, it } from 'vitest';
import { isValidKey, resolveInside } from '../../src/storage/keys.ts';
import { InvalidStorageKeyError } from '../../src/storage/types.ts';
import { useTempStorage } from '../helpers/temp-data-dir.ts';

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

describe('hostile ids are rejected before any file is touched', () => {
  const { tmp, storage } = useTempStorage();
  afterEach(async () => {
    // Nothing may exist anywhere in the sandbox: not outside the data dir, not even the data dir.
    expect(await tmp.list()).toEqual([]);
  });

  it.each(HOSTILE)('job id: %s', async (_label, jobId) => {
    const calls: Array<() => unknown> = [
      () => storage.writeCheckpoint(jobId, 1, 0.5, bytes),
      () => storage.readLatestCheckpoint(jobId),
      () => storage.listCheckpoints(jobId),
      () => storage.deleteCheckpoints(jobId),
      () => storage.writeArtifact(jobId, 'style.cube', bytes),
      () => storage.readArtifact(jobId, 'style.cube'),
      () => storage.artifactPath(jobId, 'style.cube'),
      () => storage.listArtifacts(jobId),
      () => storage.deleteArtifact(jobId, 'style.cube'),
      () => storage.deleteJobData(jobId),
    ];
    for (const call of calls)
      await expect(Promise.resolve().then(call)).rejects.toThrow(InvalidStorageKeyError);
  });

  it.each(HOSTILE_NAMES)('artifact name: %s', async (_label, name) => {
    await expect(storage.writeArtifact('job-1', name, bytes)).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.readArtifact('job-1', name)).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.deleteArtifact('job-1', name)).rejects.toThrow(InvalidStorageKeyError);
    expect(() => storage.artifactPath('job-1', name)).toThrow(InvalidStorageKeyError);
  });

  it.each(HOSTILE_SHA)('blob sha256: %s', async (_label, sha) => {
    await expect(storage.getBlob(sha)).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.hasBlob(sha)).rejects.toThrow(InvalidStorageKeyError);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])(
    'checkpoint iteration %s',
    async (iteration) => {
      await expect(storage.writeCheckpoint('job-1', iteration, 0, bytes)).rejects.toThrow(
        InvalidStorageKeyError,
      );
    },
  );

  it('non-string ids from untyped JSON are rejected too', async () => {
    const sneaky = { toString: () => '../x' } as unknown as string;
    await expect(storage.listArtifacts(sneaky)).rejects.toThrow(InvalidStorageKeyError);
    await expect(storage.getBlob(undefined as unknown as string)).rejects.toThrow(InvalidStorageKeyError);
  });
});

describe('key rules', () => {
  it.each([
    ['jobId', 'a'.repeat(64)],
    ['jobId', 'job_1-A'],
    ['artifactName', 'style.cube'],
    ['artifactName', 'manifest.json'],
    ['artifactName', `a${'b'.repeat(127)}`],
    ['sha256', 'ab'.repeat(32)],
  ] as const)('%s %j is accepted', (kind, value) => {
    expect(isValidKey(kind, value)).toBe(true);
  });

  it('resolveInside refuses a path that leaves the root even with unchecked segments', () => {
    expect(() => resolveInside('/data', '..', 'etc')).toThrow(InvalidStorageKeyError);
    expect(() => resolveInside('/data', '/etc/passwd')).toThrow(InvalidStorageKeyError);
    expect(() => resolveInside('/data', '.')).toThrow(InvalidStorageKeyError);
    expect(() => resolveInside('/data', '../data-evil/x')).toThrow(InvalidStorageKeyError);
    expect(resolveInside('/data', 'jobs', 'a')).toBe('/data/jobs/a');
  });
});
