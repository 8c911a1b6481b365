/**
 * A tiny tmpfs mounted over a directory, for real ENOSPC and EROFS (a full or read-only
 * disk under one job). Needs root with CAP_SYS_ADMIN; `canMountTmpfs` says whether this
 * machine allows it, so tests skip (and say so) where it does not.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Tmpfs {
  /** Makes the file system read-only (writes then fail with EROFS). */
  readOnly(): Promise<void>;
  unmount(): Promise<void>;
}

export async function mountTmpfs(dir: string, size: string): Promise<Tmpfs> {
  await mkdir(dir, { recursive: true });
  await run('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  return {
    readOnly: async () => void (await run('mount', ['-o', 'remount,ro', dir])),
    // Lazy: a worker may still hold a file open in it.
    unmount: async () => void (await run('umount', ['-l', dir])),
  };
}

export async function canMountTmpfs(): Promise<boolean> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atelier-tmpfs-probe-'));
  try {
    await (await mountTmpfs(dir, '4k')).unmount();
    return true;
  } catch {
    return false;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
