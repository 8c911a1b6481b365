/**
 * Work dirs left behind by workers that died mid-run (SIGKILL, OOM, power loss): nobody
 * else removes them, and a LoRA run's checkpoints can take gigabytes. Each run dir records
 * its owner (host name and worker pid); before a run starts, `atelier-run-*` dirs whose
 * owner was on this host and is no longer alive are removed. Dirs of other hosts (a work dir shared across
 * containers, where pids mean nothing to us) are never touched.
 */
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isProcessAlive } from './process-group.ts';

export const RUN_DIR_PREFIX = 'atelier-run-';
const OWNER_FILE = 'owner.json';

interface Owner {
  host: string;
  pid: number;
}

export async function writeRunDirOwner(workDir: string): Promise<void> {
  const owner: Owner = { host: os.hostname(), pid: process.pid };
  await writeFile(path.join(workDir, OWNER_FILE), JSON.stringify(owner));
}

async function isStale(dir: string): Promise<boolean> {
  // No owner record, no proof it is ours: never guess (the work dir may be shared, or not only ours).
  const text = await readFile(path.join(dir, OWNER_FILE), 'utf8').catch(() => null);
  if (text === null) return false;
  let owner: Partial<Owner>;
  try {
    owner = JSON.parse(text) as Partial<Owner>;
  } catch {
    return false;
  }
  if (owner.host !== os.hostname() || typeof owner.pid !== 'number') return false;
  return owner.pid !== process.pid && !(await isProcessAlive(owner.pid));
}

/** Removes the stale run dirs under `root`; returns their paths. Best effort: never throws. */
export async function sweepStaleRunDirs(root: string): Promise<string[]> {
  const entries = await readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.startsWith(RUN_DIR_PREFIX)) continue;
    const dir = path.join(root, entry);
    if (!(await isStale(dir).catch(() => false))) continue;
    await rm(dir, { recursive: true, force: true }).then(
      () => removed.push(dir),
      () => undefined,
    );
  }
  return removed;
}
