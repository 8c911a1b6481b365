/**
 * A compare-and-swap record on a plain filesystem, without locks: version n of record
 * `latest.json` is the file `latest.json.v<n>`, created by hard-linking a complete temp
 * file into place (createFileExclusive), which fails if another writer created version n
 * first. The record is the highest version present. A crash can only leave an extra old
 * version or a temp file behind, never a lock that blocks the next writer.
 */
import { readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { createFileExclusive } from './atomic-file.ts';
import { isMissing, nullIfMissing } from './fs-errors.ts';
import type { VersionedRecord } from './object-store.ts';

/** Readers retry when a writer removes the version they just listed. */
const READ_ATTEMPTS = 5;
const KEEP_VERSIONS = 8;

async function versionsOf(file: string): Promise<number[]> {
  const prefix = `${path.basename(file)}.v`;
  const names = await readdir(path.dirname(file)).catch((err: unknown) =>
    isMissing(err) ? [] : Promise.reject(err),
  );
  return names
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .map((n) => Number(n.slice(prefix.length)))
    .sort((a, b) => b - a);
}

const versionFile = (file: string, version: number) => `${file}.v${version}`;

export async function readVersionedFile(file: string): Promise<VersionedRecord | null> {
  for (let i = 0; i < READ_ATTEMPTS; i++) {
    const [newest] = await versionsOf(file);
    if (newest === undefined) return null;
    const data = await readFile(versionFile(file, newest)).catch(nullIfMissing);
    if (data !== null) return { data, version: String(newest) };
  }
  throw new Error(`${file}: the record changed ${READ_ATTEMPTS} times while being read`);
}

export async function swapVersionedFile(
  file: string,
  expected: string | null,
  data: Uint8Array,
): Promise<boolean> {
  const next = expected === null ? 1 : Number(expected) + 1;
  if (!Number.isSafeInteger(next) || next < 1) throw new Error(`bad record version ${expected}`);
  if (!(await createFileExclusive(versionFile(file, next), data))) return false;
  const versions = await versionsOf(file);
  // Linking succeeds in a hole left by pruning too: a writer that read a long-gone version
  // must still lose. A newer version above ours means it did (or a later writer already
  // built on ours, which is just as safe to report as lost: the caller re-reads).
  if (versions[0] > next) {
    await unlink(versionFile(file, next)).catch(nullIfMissing);
    return false;
  }
  // Older versions are history; a few stay for readers that listed them a moment ago.
  for (const old of versions.slice(KEEP_VERSIONS)) await unlink(versionFile(file, old)).catch(nullIfMissing);
  return true;
}
