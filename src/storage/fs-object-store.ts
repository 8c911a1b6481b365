/**
 * The `fs` backend: object keys are paths under the data dir. Writes are atomic
 * (atomic-file.ts), compare-and-swap uses exclusive hard links (fs-versioned-record.ts),
 * every key is confined to the root once more (keys.ts), and every system error
 * becomes a `StorageError` (fs-errors.ts). Temp files are dot-prefixed and never listed;
 * those a crash left behind are removed by `collectTemporaries`.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, rm, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { createFileExclusive, probeWritable, TEMP_PREFIX, writeFileAtomic } from './atomic-file.ts';
import { createFileHashCache } from './file-hash-cache.ts';
import { fsCall, fsFailure, isMissing, nullIfMissing } from './fs-errors.ts';
import { readVersionedFile, swapVersionedFile } from './fs-versioned-record.ts';
import { walkFiles } from './fs-walk.ts';
import { resolveInside } from './keys.ts';
import type { ObjectStore } from './object-store.ts';
import { StorageUnavailableError } from './storage-errors.ts';

/** Everything this backend writes lives below this directory of the data dir. */
const TOP = 'tenants';

export function createFsObjectStore(dataDir: string): ObjectStore {
  const root = path.resolve(dataDir);
  const fileOf = (key: string) => resolveInside(root, ...key.split('/'));
  const hashOf = createFileHashCache();

  return {
    kind: 'fs',
    get: (key) => fsCall(() => readFile(fileOf(key)).catch(nullIfMissing)),

    head: (key, options) =>
      fsCall(async () => {
        const file = fileOf(key);
        const s = await stat(file).catch(nullIfMissing);
        if (!s?.isFile()) return null;
        const found = options?.sha256 ? await hashOf(file).catch(nullIfMissing) : null;
        return { key, bytes: s.size, modifiedMs: s.mtimeMs, ...(found && { sha256: found.sha256 }) };
      }),

    open: (key) =>
      fsCall(async () => {
        // One open handle for size and stream, so both describe the same file.
        const handle = await open(fileOf(key), 'r').catch(nullIfMissing);
        if (!handle) return null;
        const { size } = await handle.stat();
        return { body: createReadStream('', { fd: handle }), bytes: size };
      }),

    put: (key, data) => fsCall(() => writeFileAtomic(fileOf(key), data)),
    putIfAbsent: (key, data) => fsCall(() => createFileExclusive(fileOf(key), data)),
    touch: (key) =>
      fsCall(async () => {
        const now = new Date();
        await utimes(fileOf(key), now, now);
      }),
    readVersioned: (key) => fsCall(() => readVersionedFile(fileOf(key))),
    swapVersioned: (key, expected, data) => fsCall(() => swapVersionedFile(fileOf(key), expected, data)),
    delete: (key) => fsCall(() => rm(fileOf(key), { force: true })),
    deletePrefix: (prefix) =>
      fsCall(() => rm(fileOf(prefix.replace(/\/$/, '')), { recursive: true, force: true })),

    async *list(prefix) {
      const dir = prefix.replace(/\/$/, '');
      try {
        for await (const f of walkFiles(fileOf(dir))) {
          // In-flight temp files and versioned-record internals are not objects.
          if (path.basename(f.relative).startsWith('.')) continue;
          yield { key: `${dir}/${f.relative}`, bytes: f.bytes, modifiedMs: f.modifiedMs };
        }
      } catch (err) {
        throw fsFailure(err);
      }
    },

    async probe(signal) {
      await abortable(
        fsCall(() => probeWritable(path.join(root, TOP))),
        signal,
      );
    },

    collectTemporaries: (olderThanMs) =>
      fsCall(async () => {
        let removed = 0;
        for await (const f of walkFiles(path.join(root, TOP))) {
          if (!path.basename(f.file).startsWith(TEMP_PREFIX) || f.modifiedMs >= olderThanMs) continue;
          await unlink(f.file).catch((err: unknown) => (isMissing(err) ? undefined : Promise.reject(err)));
          removed += 1;
        }
        return removed;
      }),
  };
}

/** A local filesystem call cannot be interrupted, but its caller need not wait for a hung one. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(
        new StorageUnavailableError(`storage did not answer in time (${String(signal.reason)})`, 'ETIMEDOUT'),
      );
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
