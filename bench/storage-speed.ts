/**
 * Storage speed on both backends, through the Storage interface the activities and the
 * gateway use: a checkpoint write (data under a fresh name, then the latest record moved
 * by compare-and-swap — fs: temp file, fsync, rename; s3: PUTs with a server-verified
 * sha256 and a conditional PUT) and an artifact download (openArtifact's stream read to
 * its end). Sizes are those of a `lutSize 65` job (65³ × RGB float64 ≈ 6.6 MB, the
 * same again for style.cube) and of `lutSize 33` (≈ 0.86 MB). fs in a temp dir on this
 * machine's disk; s3 on a SeaweedFS of its own on loopback (weed mini, one process).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSeaweedFs } from '../src/dev/seaweedfs-server.ts';
import { provisionSeaweedFs } from '../src/provision/seaweedfs.ts';
import { createStorage } from '../src/storage/create-storage.ts';
import type { Storage } from '../src/storage/types.ts';
import { summarize, type Summary } from './stats.ts';

const RUNS = 20;
const WARMUP = 2;
const SIZES = { lut65: 65 ** 3 * 3 * 8, lut33: 33 ** 3 * 3 * 8 };

export type StorageSpeedResult = Record<
  'fs' | 's3',
  Record<keyof typeof SIZES, { checkpointWriteMs: Summary; artifactDownloadMs: Summary; bytes: number }>
>;

async function timed(runs: number, fn: (i: number) => Promise<unknown>): Promise<Summary> {
  for (let i = 0; i < WARMUP; i++) await fn(-1 - i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  return summarize(ms);
}

async function measure(storage: Storage, bytes: number) {
  const job = { tenantId: 'bench', jobId: `bench-${randomUUID().slice(0, 8)}` };
  const writer = { workflowRunId: randomUUID(), run: 1, attempt: 1 };
  await storage.claimCheckpoints(job, writer);
  const data = randomBytes(bytes);
  let iteration = 0;
  const checkpointWriteMs = await timed(RUNS, async () => {
    iteration += 1;
    // Other bytes each time, as training writes them (no dedupe on equal content).
    data.writeUInt32LE(iteration, 0);
    await storage.writeCheckpoint(job, writer, { iteration, loss: 0.1, data });
    // The activity keeps the last two (CHECKPOINT_KEEP): no growing directory to list.
    await storage.pruneCheckpoints(job, 2);
  });
  await storage.writeArtifact(job, 'style.cube', data, 'text/plain');
  const artifactDownloadMs = await timed(RUNS, async () => {
    const download = await storage.openArtifact(job, 'style.cube');
    let read = 0;
    for await (const chunk of download.body) read += (chunk as Buffer).length;
    if (read !== bytes) throw new Error(`read ${read} of ${bytes} bytes`);
  });
  await storage.deleteJobData(job);
  return { checkpointWriteMs, artifactDownloadMs, bytes };
}

async function bothSizes(storage: Storage) {
  return { lut65: await measure(storage, SIZES.lut65), lut33: await measure(storage, SIZES.lut33) };
}

export async function storageSpeed(): Promise<StorageSpeedResult> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atelier-bench-storage-'));
  try {
    const fs = await bothSizes(createStorage({ kind: 'fs', root: path.join(dir, 'fs') }));
    const weedPath = await provisionSeaweedFs({ dataDir: path.resolve('.atelier') });
    const credentials = {
      accessKeyId: 'atelier-bench',
      secretAccessKey: randomBytes(18).toString('base64url'),
    };
    const seaweed = await startSeaweedFs({
      weedPath,
      dir: path.join(dir, 'seaweedfs'),
      buckets: ['bench'],
      ...credentials,
    });
    try {
      const s3 = await bothSizes(
        createStorage({
          kind: 's3',
          bucket: 'bench',
          prefix: '',
          endpoint: seaweed.endpoint,
          region: 'us-east-1',
          forcePathStyle: true,
          presign: false,
          ...credentials,
        }),
      );
      return { fs, s3 };
    } finally {
      await seaweed.stop(5_000);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
