/**
 * Submitting while storage cannot take the upload: a 503 `storage_unavailable`
 * problem+json with Retry-After, on both backends, never a bare 500. On the code before
 * this test existed a read-only `blobs/` answered 500 internal_error (issue 12).
 * fs: the tenant's blobs directory is a read-only tmpfs (needs root, skipped otherwise);
 * s3: a SeaweedFS of this test's own, stopped (connection refused) — the run's shared one
 * keeps serving the other test files.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSeaweedFs, type SeaweedFs } from '../../src/dev/seaweedfs-server.ts';
import { createStorage } from '../../src/storage/create-storage.ts';
import { contentImage, styleImage } from '../harness/images.ts';
import { expectProblem, postJson, trainingBody } from '../helpers/api-client.ts';
import { startGateway, type Gateway } from '../helpers/gateway-harness.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { s3SettingsFor } from '../helpers/storage-backends.ts';
import { canMountTmpfs, mountTmpfs, type Tmpfs } from '../helpers/tmpfs.ts';

const mountable = await canMountTmpfs();
if (!mountable)
  console.warn('storage-unavailable (fs): skipped, this machine cannot mount a tmpfs (needs root)');

/** Both ways in: a job submission and a bare upload (POST /v1/blobs). */
async function expectRefused(gw: Gateway, cause: RegExp) {
  const submit = await postJson(gw, '/v1/trainings', await trainingBody());
  const retryAfter = submit.headers.get('retry-after');
  const body = await expectProblem(submit, 503, 'storage_unavailable');
  expect(body.type).toBe('https://atelier.dev/problems/storage-unavailable');
  expect(body.detail).toMatch(cause);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  const upload = await gw.fetch('/v1/blobs', {
    method: 'POST',
    body: new Uint8Array(await styleImage()),
    headers: { 'content-type': 'image/png' },
  });
  expect(upload.headers.get('retry-after')).toBe(retryAfter);
  await expectProblem(upload, 503, 'storage_unavailable');
}

/** A control upload while storage works (another image: the same bytes again would be a no-op). */
const uploadOk = async (gw: Gateway) =>
  (
    await gw.fetch('/v1/blobs', {
      method: 'POST',
      body: new Uint8Array(await contentImage()),
      headers: { 'content-type': 'image/png' },
    })
  ).status;

describe.skipIf(!mountable)('fs: the blobs directory is read-only', () => {
  let h: Harness;
  let gw: Gateway;
  let disk: Tmpfs | undefined;
  beforeAll(async () => {
    h = await createHarness();
    gw = await startGateway(h);
  });
  afterAll(async () => {
    await disk?.unmount().catch(() => undefined);
    await gw?.close();
    await h?.close();
  });

  it('POST answers 503 storage_unavailable (EROFS) with Retry-After', async () => {
    disk = await mountTmpfs(path.join(h.dataDir, 'tenants', 'local', 'blobs'), '4m');
    expect(await uploadOk(gw)).toBe(201); // still writable: stored
    await disk.readOnly();
    await expectRefused(gw, /EROFS/);
  });
});

describe('s3: the S3 server is down', () => {
  let h: Harness;
  let gw: Gateway;
  let seaweed: SeaweedFs | undefined;
  let dir: string;
  beforeAll(async () => {
    const s3 = inject('s3');
    dir = await mkdtemp(path.join(os.tmpdir(), 'atelier-seaweed-down-'));
    seaweed = await startSeaweedFs({
      weedPath: s3.weedPath,
      dir,
      buckets: [s3.bucket],
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    });
    h = await createHarness();
    const settings = s3SettingsFor(`down-${Date.now()}`);
    if (settings.kind !== 's3') throw new Error('s3 settings expected');
    const storage = createStorage({ ...settings, endpoint: seaweed.endpoint });
    gw = await startGateway(h, { storage });
  }, 120_000);
  afterAll(async () => {
    await seaweed?.stop(5_000);
    await gw?.close();
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'POST answers 503 storage_unavailable (connection refused) with Retry-After',
    { timeout: 60_000 },
    async () => {
      expect(await uploadOk(gw)).toBe(201); // still up: stored
      await seaweed!.stop(5_000);
      await expectRefused(gw, /ECONNREFUSED/);
    },
  );
});
