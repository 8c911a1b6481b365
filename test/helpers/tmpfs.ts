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

/**
 * `mount -o remount,ro` refuses ("mount point is busy") while a file in it is open for
 * writing — a checkpoint being written that very moment. Such a write lasts milliseconds,
 * so a few tries, 100 ms apart, get between two writes.
 */
async function remountReadOnly(dir: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run('mount', ['-o', 'remount,ro', dir]);
      return;
    } catch (err) {
      if (attempt >= 50 || !/busy/i.test(String((err as { stderr?: string }).stderr ?? err))) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function mountTmpfs(dir: string, size: string): Promise<Tmpfs> {
  await mkdir(dir, { recursive: true });
  await run('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  return {
    readOnly: () => remountReadOnly(dir),
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
