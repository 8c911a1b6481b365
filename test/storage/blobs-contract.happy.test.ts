/** Blob semantics on both backends: content addressing, per-tenant isolation, verification. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StorageCorruptError, StorageNotFoundError } from '../../src/storage/types.ts';
import { BACKENDS, storageForEachTest } from '../helpers/storage-backends.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.each(BACKENDS)('blobs on %s', (backend) => {
  const t = storageForEachTest(backend);

  it('stores bytes under their sha256 in the tenant, and reads them back', async () => {
    const data = Buffer.from('image bytes');
    const ref = await t.storage.putBlob('tenant-a', data, 'image/png');
    expect(ref).toEqual({ sha256: sha(data), bytes: data.length, contentType: 'image/png' });
    expect(await t.storage.hasBlob('tenant-a', ref.sha256)).toBe(true);
    expect((await t.storage.getBlob('tenant-a', ref.sha256)).equals(data)).toBe(true);
    expect(await t.raw.list('tenants/')).toEqual([`tenants/tenant-a/blobs/${ref.sha256}`]);
  });

  it('the same bytes again are a no-op; concurrent puts of them agree', async () => {
    const data = Buffer.alloc(256 * 1024, 7);
    const refs = await Promise.all(
      Array.from({ length: 12 }, () => t.storage.putBlob('tenant-a', data, 'x/y')),
    );
    expect(new Set(refs.map((r) => r.sha256)).size).toBe(1);
    expect(sha(await t.storage.getBlob('tenant-a', refs[0].sha256))).toBe(sha(data));
    expect(await t.raw.list('tenants/')).toHaveLength(1);
  });

  it('another tenant neither sees nor reads the blob (no cross-tenant dedupe)', async () => {
    const ref = await t.storage.putBlob('tenant-a', Buffer.from('secret'), 'image/png');
    expect(await t.storage.hasBlob('tenant-b', ref.sha256)).toBe(false);
    await expect(t.storage.getBlob('tenant-b', ref.sha256)).rejects.toThrow(StorageNotFoundError);
    // Uploading the same bytes as tenant B stores a copy of its own.
    await t.storage.putBlob('tenant-b', Buffer.from('secret'), 'image/png');
    expect((await t.raw.list('tenants/')).length).toBe(2);
  });

  it('a missing blob is StorageNotFoundError; an empty one round-trips', async () => {
    await expect(t.storage.getBlob('tenant-a', 'b'.repeat(64))).rejects.toThrow(StorageNotFoundError);
    expect(await t.storage.hasBlob('tenant-a', 'b'.repeat(64))).toBe(false);
    const empty = await t.storage.putBlob('tenant-a', new Uint8Array(0), 'application/octet-stream');
    expect((await t.storage.getBlob('tenant-a', empty.sha256)).length).toBe(0);
  });

  it('bytes damaged after writing are refused as StorageCorruptError, never served', async () => {
    const ref = await t.storage.putBlob('tenant-a', Buffer.from('original'), 'image/png');
    await t.raw.put(`tenants/tenant-a/blobs/${ref.sha256}`, 'tampered');
    await expect(t.storage.getBlob('tenant-a', ref.sha256)).rejects.toThrow(StorageCorruptError);
  });
});
