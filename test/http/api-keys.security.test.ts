/** API key loading: inline and file keys, admin keys, hashing, and errors that never echo a key. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyConfigError, LOCAL_TENANT, loadApiKeys, parseTenantKeys } from '../../src/auth/api-keys.ts';
import { ConfigError } from '../../src/config.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'atelier-keys-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('API keys', () => {
  it('maps inline, file and admin keys to tenants', async () => {
    const file = path.join(dir, 'keys.txt');
    await writeFile(file, '# tenants\nteam-c:key-c-123456789  # trailing comment\n\n');
    const store = await loadApiKeys({
      apiKeys: 'team-a:key-a-123456789, team-b:key-b-123456789',
      apiKeysFile: file,
      adminKeys: 'root-key-123456789',
    });
    expect(store.anonymous).toBe(false);
    expect(store.tenantCount).toBe(4);
    expect(store.authenticate('key-a-123456789')).toEqual({ tenantId: 'team-a', isAdmin: false });
    expect(store.authenticate('key-c-123456789')).toEqual({ tenantId: 'team-c', isAdmin: false });
    expect(store.authenticate('root-key-123456789')).toEqual({ tenantId: 'admin', isAdmin: true });
    expect(store.authenticate('key-a-12345678')).toBeNull();
    expect(store.authenticate('')).toBeNull();
  });

  it('keeps no plain key anywhere reachable', async () => {
    const store = await loadApiKeys({ apiKeys: 'team-a:plain-secret-value-1' });
    expect(inspect(store, { depth: 10, showHidden: true })).not.toContain('plain-secret-value-1');
    expect(JSON.stringify(store)).not.toContain('plain-secret-value-1');
  });

  it('is anonymous without keys', async () => {
    const store = await loadApiKeys({});
    expect(store.anonymous).toBe(true);
    expect(LOCAL_TENANT).toBe('local');
  });

  it.each([
    ['no colon', 'tenant-without-key-1234'],
    ['bad tenant', 'bad tenant!:some-long-key-1234'],
    ['short key', 'team:short'],
  ])('refuses %s without echoing the key', (_name, text) => {
    let error: unknown;
    try {
      parseTenantKeys(text, 'ATELIER_API_KEYS');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ApiKeyConfigError);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain(text.split(':').at(-1));
  });

  it('refuses a duplicated key and a missing key file', async () => {
    await expect(loadApiKeys({ apiKeys: 'a:same-key-123456,b:same-key-123456' })).rejects.toThrow(/twice/);
    await expect(loadApiKeys({ apiKeysFile: path.join(dir, 'absent.txt') })).rejects.toThrow(
      ApiKeyConfigError,
    );
  });
});
