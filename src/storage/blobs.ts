/**
 * Content-addressed blobs, per tenant (no cross-tenant dedupe, so whether a blob exists
 * never tells one tenant about another's uploads). A blob is read back only if its bytes
 * still hash to its address. Jobs reference the blobs they need (one marker object per
 * job and blob), which is how garbage collection knows what to keep (garbage-collection.ts).
 */
import { blobKey, blobRefKey, blobRefPrefix } from './keys.ts';
import type { ObjectStore } from './object-store.ts';
import { sha256Hex } from './sha256.ts';
import { StorageCorruptError, StorageNotFoundError } from './storage-errors.ts';
import type { Storage } from './types.ts';

/**
 * An existing blob older than this is touched when uploaded again, so that a collection
 * running right now sees it as fresh (the collection's grace period is at least an hour).
 */
const TOUCH_AFTER_MS = 10 * 60_000;

type BlobStore = Pick<Storage, 'putBlob' | 'getBlob' | 'hasBlob' | 'referenceBlobs' | 'releaseBlobs'>;

export function createBlobs(store: ObjectStore): BlobStore {
  return {
    async putBlob(tenantId, data, contentType) {
      const sha256 = sha256Hex(data);
      const key = blobKey(tenantId, sha256);
      const ref = { sha256, bytes: data.byteLength, contentType };
      const existing = await store.head(key);
      // Same address, same size: the same bytes (verified when they were written).
      if (existing?.bytes === data.byteLength) {
        if (existing.modifiedMs < Date.now() - TOUCH_AFTER_MS)
          await store.touch(key, data, { sha256, contentType });
        return ref;
      }
      await store.put(key, data, { sha256, contentType });
      return ref;
    },

    async getBlob(tenantId, sha256) {
      const data = await store.get(blobKey(tenantId, sha256));
      if (data === null) throw new StorageNotFoundError(`blob ${sha256} of tenant ${tenantId} not found`);
      if (sha256Hex(data) !== sha256) {
        throw new StorageCorruptError(
          `blob ${sha256} of tenant ${tenantId} is damaged: its bytes hash differently`,
        );
      }
      return data;
    },

    hasBlob: async (tenantId, sha256) => (await store.head(blobKey(tenantId, sha256))) !== null,

    async referenceBlobs(job, sha256s) {
      const keys = [...new Set(sha256s)].map((sha256) => blobRefKey(job, sha256));
      await Promise.all(keys.map((key) => store.put(key, new Uint8Array(0))));
    },

    releaseBlobs: async (job) => store.deletePrefix(blobRefPrefix(job)),
  };
}
