/** The `Storage` semantics (types.ts) on top of any `ObjectStore` backend. */
import { createArtifacts } from './artifacts.ts';
import { createBlobs } from './blobs.ts';
import { createCheckpoints } from './checkpoints.ts';
import { collectGarbage } from './garbage-collection.ts';
import { jobPrefix, tombstoneKey } from './keys.ts';
import type { ObjectStore } from './object-store.ts';
import type { Storage } from './types.ts';

/** `/readyz` answers within 3 s, so its storage check must give up sooner. */
export const PROBE_TIMEOUT_MS = 2_000;

export function createStorageOn(store: ObjectStore): Storage {
  return {
    kind: store.kind,
    ...createBlobs(store),
    ...createCheckpoints(store),
    ...createArtifacts(store),
    deleteJobData: async (job) => store.deletePrefix(jobPrefix(job)),
    writeTombstone: async (job, runId) => store.put(tombstoneKey(job), Buffer.from(runId, 'utf8')),
    readTombstone: async (job) => (await store.get(tombstoneKey(job)))?.toString('utf8') ?? null,
    checkWritable: () => store.probe(AbortSignal.timeout(PROBE_TIMEOUT_MS)),
    collectGarbage: (options) => collectGarbage(store, options),
  };
}
