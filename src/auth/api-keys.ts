/**
 * API keys → tenants. Keys are hashed (sha256) as soon as they are read and only the
 * hashes are kept; a presented key is hashed and compared against every stored hash in
 * constant time, so neither memory dumps nor response timing reveal a key.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { TENANT_ID_PATTERN } from '../../workflows/job-identity.ts';
import { ConfigError } from '../config.ts';

/** The one tenant served when no keys are configured. */
export const LOCAL_TENANT = 'local';
/** Tenant recorded on jobs submitted with an admin key. */
export const ADMIN_TENANT = 'admin';

export interface Principal {
  tenantId: string;
  isAdmin: boolean;
}

interface Entry extends Principal {
  hash: Buffer;
}

export interface ApiKeyStore {
  /** True when no keys are configured: everyone is the local tenant. */
  readonly anonymous: boolean;
  readonly tenantCount: number;
  authenticate(presentedKey: string): Principal | null;
  /**
   * A secret for signing things the gateway hands out (list cursors), the same in every
   * gateway sharing this key configuration; random per process when anonymous.
   */
  deriveSecret(purpose: string): Buffer;
}

/** A ConfigError, so `atelier gateway` reports it as one clear line and exits. */
export class ApiKeyConfigError extends ConfigError {
  override name = 'ApiKeyConfigError';
}

const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest();

/** Parses `tenant:key` pairs (comma- or newline-separated, `#` comments); messages never echo a key. */
export function parseTenantKeys(text: string, source: string): Array<{ tenantId: string; key: string }> {
  const pairs: Array<{ tenantId: string; key: string }> = [];
  text.split(/[,\n]/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const colon = line.indexOf(':');
    const tenantId = colon > 0 ? line.slice(0, colon).trim() : '';
    const key = colon > 0 ? line.slice(colon + 1).trim() : '';
    if (!TENANT_ID_PATTERN.test(tenantId) || key.length < 8) {
      throw new ApiKeyConfigError(
        `${source}, entry ${index + 1}: expected "tenant:key" with tenant matching ${TENANT_ID_PATTERN} and a key of at least 8 characters`,
      );
    }
    pairs.push({ tenantId, key });
  });
  return pairs;
}

export function createApiKeyStore(
  tenantKeys: Array<{ tenantId: string; key: string }>,
  adminKeys: string[],
): ApiKeyStore {
  const entries: Entry[] = [
    ...tenantKeys.map((k) => ({ tenantId: k.tenantId, isAdmin: false, hash: hashKey(k.key) })),
    ...adminKeys.map((key) => ({ tenantId: ADMIN_TENANT, isAdmin: true, hash: hashKey(key) })),
  ];
  const seen = new Set<string>();
  for (const e of entries) {
    const hex = e.hash.toString('hex');
    if (seen.has(hex)) throw new ApiKeyConfigError('the same API key is configured twice');
    seen.add(hex);
  }
  const material = entries.length
    ? Buffer.concat(entries.map((e) => e.hash).sort(Buffer.compare))
    : randomBytes(32);
  return {
    anonymous: entries.length === 0,
    deriveSecret: (purpose) => createHmac('sha256', material).update(purpose).digest(),
    tenantCount: new Set(entries.map((e) => e.tenantId)).size,
    authenticate(presentedKey) {
      const presented = hashKey(presentedKey);
      let found: Entry | null = null;
      // No early exit: every comparison runs, so timing does not depend on which key matched.
      for (const e of entries) if (timingSafeEqual(e.hash, presented) && !found) found = e;
      return found && { tenantId: found.tenantId, isAdmin: found.isAdmin };
    },
  };
}

/** Builds the store from the configuration (inline keys, key file, admin keys). */
export async function loadApiKeys(config: {
  apiKeys?: string;
  apiKeysFile?: string;
  adminKeys?: string;
}): Promise<ApiKeyStore> {
  const pairs = config.apiKeys ? parseTenantKeys(config.apiKeys, 'ATELIER_API_KEYS') : [];
  if (config.apiKeysFile) {
    const text = await readFile(config.apiKeysFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new ApiKeyConfigError(`ATELIER_API_KEYS_FILE ${config.apiKeysFile}: ${err.code ?? err.message}`);
    });
    pairs.push(...parseTenantKeys(text, `ATELIER_API_KEYS_FILE ${config.apiKeysFile}`));
  }
  const admin = (config.adminKeys ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (admin.some((k) => k.length < 8))
    throw new ApiKeyConfigError('ATELIER_ADMIN_KEYS: every key needs at least 8 characters');
  return createApiKeyStore(pairs, admin);
}
