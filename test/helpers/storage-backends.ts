/**
 * The two storage backends as tests use them: `fs` in a throw-away directory, `s3` on
 * the run's one SeaweedFS (global-setup.ts) under a key prefix of its own. `raw` reaches
 * past the Storage interface to the bytes themselves, for injecting damage the way an
 * outside fault would.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, beforeEach, inject } from 'vitest';
import { createStorage } from '../../src/storage/create-storage.ts';
import type { StorageSettings } from '../../src/storage/storage-settings.ts';
import type { Storage } from '../../src/storage/types.ts';

export const BACKENDS = ['fs', 's3'] as const;
export type Backend = (typeof BACKENDS)[number];

/** Direct access to what the backend stores under a key (keys as in src/storage/keys.ts). */
export interface RawAccess {
  get(key: string): Promise<Buffer | null>;
  put(key: string, data: Uint8Array | string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key under the prefix, sorted (fs: including temp files). */
  list(prefix?: string): Promise<string[]>;
  /** The key a versioned record is stored under right now (fs keeps `<key>.v<n>` files). */
  currentVersionKey(key: string): Promise<string>;
}

export interface TestStorage {
  backend: Backend;
  storage: Storage;
  settings: StorageSettings;
  /** A throw-away sandbox; the fs backend's root is `<dir>/data`, so an escape from it would show here. */
  dir: string;
  raw: RawAccess;
  /** Environment for a child process (`atelier worker`, `gateway`) to use the same storage. */
  env: Record<string, string>;
  remove(): Promise<void>;
}

export function s3SettingsFor(prefix: string, presign = false): StorageSettings {
  const s3 = inject('s3');
  return {
    kind: 's3',
    bucket: s3.bucket,
    prefix: `${prefix}/`,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    presign,
  };
}

/** The environment a child process (gateway, worker) needs to use the same s3 prefix. */
export function s3EnvFor(prefix: string): Record<string, string> {
  const s3 = inject('s3');
  return {
    ATELIER_STORAGE_URL: `s3://${s3.bucket}/${prefix}`,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
  };
}

export async function createTestStorage(
  backend: Backend,
  opts: { presign?: boolean } = {},
): Promise<TestStorage> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `atelier-storage-${backend}-`));
  if (backend === 'fs') {
    const root = path.join(dir, 'data');
    const settings: StorageSettings = { kind: 'fs', root };
    return {
      backend,
      storage: createStorage(settings),
      settings,
      dir,
      raw: fsRaw(root),
      env: { ATELIER_STORAGE_URL: '' },
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const prefix = `t-${randomUUID()}`;
  const settings = s3SettingsFor(prefix, opts.presign);
  const raw = s3Raw(prefix);
  return {
    backend,
    storage: createStorage(settings),
    settings,
    dir,
    raw,
    env: s3EnvFor(prefix),
    async remove() {
      for (const key of await raw.list()) await raw.delete(key);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function fsRaw(root: string): RawAccess {
  const file = (key: string) => path.join(root, ...key.split('/'));
  const raw: RawAccess = {
    get: (key) => readFile(file(key)).catch(() => null),
    async put(key, data) {
      await mkdir(path.dirname(file(key)), { recursive: true });
      await writeFile(file(key), data);
    },
    delete: (key) => unlink(file(key)).catch(() => undefined),
    async list(prefix = '') {
      const entries = await readdir(file(prefix), { recursive: true, withFileTypes: true }).catch(() => []);
      return entries
        .filter((e) => e.isFile())
        .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
        .sort();
    },
    async currentVersionKey(key) {
      const versions = (await raw.list(path.posix.dirname(key)))
        .filter((k) => k.startsWith(`${key}.v`))
        .sort((a, b) => Number(b.split('.v').pop()) - Number(a.split('.v').pop()));
      if (!versions[0]) throw new Error(`no versions of ${key}`);
      return versions[0];
    },
  };
  return raw;
}

function s3Raw(prefix: string): RawAccess {
  const s3 = inject('s3');
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  const Bucket = s3.bucket;
  const full = (key: string) => `${prefix}/${key}`;
  return {
    async get(key) {
      const res = await client.send(new GetObjectCommand({ Bucket, Key: full(key) })).catch(() => null);
      return res && Buffer.from(await res.Body!.transformToByteArray());
    },
    async put(key, data) {
      await client.send(new PutObjectCommand({ Bucket, Key: full(key), Body: data }));
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: full(key) }));
    },
    async list(sub = '') {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: full(sub), ContinuationToken: token }),
        );
        keys.push(...(page.Contents ?? []).map((o) => o.Key!.slice(prefix.length + 1)));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    currentVersionKey: async (key) => key,
  };
}

/** A fresh storage of `backend` for every test of the calling `describe` (removed after each). */
export function storageForEachTest(backend: Backend, opts: { presign?: boolean } = {}): TestStorage {
  let current: TestStorage | undefined;
  beforeEach(async () => {
    current = await createTestStorage(backend, opts);
  });
  afterEach(async () => {
    await current?.remove();
    current = undefined;
  });
  const now = (): TestStorage => {
    if (!current) throw new Error('storage is only there while a test runs');
    return current;
  };
  return {
    backend,
    get storage() {
      return now().storage;
    },
    get settings() {
      return now().settings;
    },
    get dir() {
      return now().dir;
    },
    get raw() {
      return now().raw;
    },
    get env() {
      return now().env;
    },
    remove: () => now().remove(),
  };
}
