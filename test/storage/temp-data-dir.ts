/** A throw-away sandbox per test: `dataDir` lives inside `sandbox`, so escapes are visible. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

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
