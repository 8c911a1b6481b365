/**
 * Remembers file hashes by identity (inode, size, mtime), so listing a job's artifacts
 * (every status request of a finished job) doesn't re-read every file. Artifacts are
 * replaced by rename, which gives a new inode, so a changed file is never served stale.
 */
import { stat } from 'node:fs/promises';
import { sha256File } from './sha256.ts';

interface Entry {
  identity: string;
  sha256: string;
  bytes: number;
}

export function createFileHashCache(maxEntries = 10_000) {
  const entries = new Map<string, Entry>();
  return async function hashOf(file: string): Promise<{ sha256: string; bytes: number }> {
    const s = await stat(file);
    const identity = `${s.ino}:${s.size}:${s.mtimeMs}`;
    const hit = entries.get(file);
    if (hit?.identity === identity) return { sha256: hit.sha256, bytes: hit.bytes };
    const found = await sha256File(file);
    entries.delete(file);
    entries.set(file, { identity, ...found });
    // Oldest first in a Map: drop from the front to stay bounded.
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return found;
  };
}
