/**
 * Crash-safe file primitives. A reader must only ever see a complete old file or a
 * complete new one, and once a write has returned it must survive a power loss:
 * write to a unique temp file in the same directory (rename is only atomic within one
 * file system), fsync it, rename it over the target, then fsync the directory so the
 * rename itself is durable.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Temp files start with a dot; no valid key does, so listings can skip them safely. */
export const TEMP_PREFIX = '.tmp-';

export async function writeFileAtomic(target: string, data: Uint8Array): Promise<void> {
  await publishFile(target, data, (temp) => rename(temp, target));
}

/**
 * Creates `target` only if it does not exist: the complete, fsynced temp file is
 * hard-linked into place, which fails with EEXIST instead of replacing anything.
 * Returns false (and writes nothing) when the target exists already.
 */
export async function createFileExclusive(target: string, data: Uint8Array): Promise<boolean> {
  let created = true;
  await publishFile(target, data, async (temp) => {
    try {
      await link(temp, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      created = false;
    }
    await unlink(temp);
  });
  return created;
}

async function publishFile(
  target: string,
  data: Uint8Array,
  moveIntoPlace: (temp: string) => Promise<void>,
): Promise<void> {
  const dir = path.dirname(target);
  await ensureDir(dir);
  // Unique per call, so concurrent writers of the same target never share a temp file.
  const temp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${randomUUID()}`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await moveIntoPlace(temp);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await fsyncDir(dir);
}

/** `mkdir -p` that also makes the new directory entries durable. */
export async function ensureDir(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  // Each newly created directory is an entry in its parent: fsync from `dir` up to the
  // parent of the first one created.
  const stop = path.dirname(first);
  for (let d = dir; ; d = path.dirname(d)) {
    await fsyncDir(d);
    if (d === stop || d === path.dirname(d)) break;
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open directories for fsync; its rename is already durable enough there.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes, fsyncs and removes a probe file: proves the directory is writable right now. */
export async function probeWritable(dir: string): Promise<void> {
  await ensureDir(dir);
  const probe = path.join(dir, `${TEMP_PREFIX}probe-${process.pid}-${randomUUID()}`);
  const handle = await open(probe, 'wx', 0o644);
  try {
    await handle.writeFile('probe');
    await handle.sync();
  } finally {
    await handle.close();
    await unlink(probe);
  }
}
