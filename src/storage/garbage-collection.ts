/**
 * Retention of what no job needs any more. A blob is referenced while some job holds a
 * marker for it (blobs.ts): the gateway adds one when it creates the job, decodeImage one
 * for the decoded pixels, and the job releases them when it succeeds or is cancelled, or
 * when its data is deleted. That keeps "is it referenced?" a listing of our own store,
 * with no scan of Temporal. Unreferenced blobs go after a grace period, which covers an
 * upload whose job is being created right now; each is looked at once more just before
 * it goes, so a blob uploaded again meanwhile (which renews its time) is kept.
 */
import { parseBlobKey, parseBlobRefKey } from './keys.ts';
import type { ObjectStore } from './object-store.ts';
import type { GarbageCollectionOptions, GarbageCollectionReport } from './types.ts';

export async function collectGarbage(
  store: ObjectStore,
  { now = new Date(), blobGraceMs, tempGraceMs }: GarbageCollectionOptions,
): Promise<GarbageCollectionReport> {
  const cutoff = now.getTime() - blobGraceMs;
  const referenced = new Set<string>();
  const candidates: { key: string; id: string; bytes: number }[] = [];
  for await (const o of store.list('tenants/')) {
    const ref = parseBlobRefKey(o.key);
    if (ref) referenced.add(`${ref.tenantId}/${ref.sha256}`);
    const blob = parseBlobKey(o.key);
    if (blob && o.modifiedMs < cutoff)
      candidates.push({ key: o.key, id: `${blob.tenantId}/${blob.sha256}`, bytes: o.bytes });
  }
  let blobsDeleted = 0;
  let blobBytesFreed = 0;
  for (const c of candidates) {
    if (referenced.has(c.id)) continue;
    const head = await store.head(c.key);
    if (!head || head.modifiedMs >= cutoff) continue;
    await store.delete(c.key);
    blobsDeleted += 1;
    blobBytesFreed += c.bytes;
  }
  const temporariesDeleted = await store.collectTemporaries(now.getTime() - tempGraceMs);
  return { blobsDeleted, blobBytesFreed, temporariesDeleted };
}
