/** Which ids and names may become storage keys (hostile ones against every call: hostile-keys.security). */
import { describe, expect, it } from 'vitest';
import { isValidKey, resolveInside } from '../../src/storage/keys.ts';
import { InvalidStorageKeyError } from '../../src/storage/types.ts';

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
