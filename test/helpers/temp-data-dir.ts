/** A throw-away sandbox per test: `dataDir` lives inside `sandbox`, so escapes are visible. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createFsStorage } from '../../src/storage/fs-storage.ts';
import { type Storage } from '../../src/storage/types.ts';
import { forwardTo } from './forward-to.ts';

export interface TempDataDir {
  sandbox: string;
  dataDir: string;
  /** Every file and directory under `dir`, relative, sorted. */
  list(dir?: string): Promise<string[]>;
  remove(): Promise<void>;
}

export async function createTempDataDir(): Promise<TempDataDir> {
  const sandbox = await mkdtemp(path.join(os.tmpdir(), 'atelier-storage-'));
  const dataDir = path.join(sandbox, 'data');
  return {
    sandbox,
    dataDir,
    async list(dir = sandbox) {
      const entries = await readdir(dir, { recursive: true }).catch(() => []);
      return entries.map(String).sort();
    },
    remove: () => rm(sandbox, { recursive: true, force: true }),
  };
}

/** A fresh sandbox with a filesystem storage in it for every test of the file (or describe), removed after each. */
export function useTempStorage(): { tmp: TempDataDir; storage: Storage } {
  let current: { tmp: TempDataDir; storage: Storage } | undefined;
  beforeEach(async () => {
    const tmp = await createTempDataDir();
    current = { tmp, storage: createFsStorage(tmp.dataDir) };
  });
  afterEach(async () => {
    await current?.tmp.remove();
    current = undefined;
  });
  return {
    tmp: forwardTo('the sandbox', () => current?.tmp),
    storage: forwardTo('the storage', () => current?.storage),
  };
}
