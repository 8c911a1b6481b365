/**
 * Where a chaos run's cluster keeps its data: `fs` (one data dir all members share, as
 * before), `s3` (every member on one S3 prefix), or `multi-host` (S3, and every member
 * with a private, empty data dir of its own, plus a second training worker — no shared
 * filesystem at all). S3 is the suite's SeaweedFS when the caller has one (vitest's
 * `inject('s3')`), else a private SeaweedFS started inside the run dir for this run.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startSeaweedFs } from '../../src/dev/seaweedfs-server.ts';
import { provisionSeaweedFs } from '../../src/provision/seaweedfs.ts';
import { createStorage } from '../../src/storage/create-storage.ts';
import { storageSettingsOf } from '../../src/storage/storage-settings.ts';
import { type Storage } from '../../src/storage/types.ts';
import { type ClusterLayout, dataDirOf, MULTI_HOST_COMPONENTS } from '../harness/components.ts';

export const CHAOS_STORAGE = ['fs', 's3', 'multi-host'] as const;
export type ChaosStorageKind = (typeof CHAOS_STORAGE)[number];

export interface S3Target {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ChaosStorage {
  /** What the checkers read through (the same backend and prefix the members use). */
  storage: Storage;
  /** The shared fs data dir, or null on S3. */
  sharedDataDir: string | null;
  /** Multi-host: each member's own data dir. */
  privateDirs: string[];
  /** Stops a private SeaweedFS (before the orphan hunt, which would find it). */
  stop(): Promise<void>;
}

const PRIVATE_BUCKET = 'atelier-chaos';

/** Configures `layout` (env, private dirs) for `kind`; call before the cluster starts. */
export async function setUpChaosStorage(
  kind: ChaosStorageKind,
  layout: ClusterLayout,
  s3: S3Target | undefined,
  say: (m: string) => void,
): Promise<ChaosStorage> {
  if (kind === 'fs') {
    const root = dataDirOf(layout);
    return {
      storage: createStorage({ kind: 'fs', root }),
      sharedDataDir: root,
      privateDirs: [],
      stop: async () => undefined,
    };
  }
  let target = s3;
  let stop: () => Promise<void> = async () => undefined;
  if (!target) {
    const weedPath = await provisionSeaweedFs({ dataDir: path.resolve('.atelier'), log: say });
    const credentials = {
      accessKeyId: 'atelier-chaos',
      secretAccessKey: randomBytes(18).toString('base64url'),
    };
    const seaweed = await startSeaweedFs({
      weedPath,
      dir: path.join(layout.runDir, 'seaweedfs'),
      buckets: [PRIVATE_BUCKET],
      ...credentials,
      avoidPorts: [layout.temporalPort, layout.gatewayPort],
    });
    say(`SeaweedFS (pid ${seaweed.pid}) serving S3 at ${seaweed.endpoint}`);
    target = { endpoint: seaweed.endpoint, bucket: PRIVATE_BUCKET, ...credentials };
    stop = () => seaweed.stop(5_000);
  }
  // A prefix of its own: the suite's bucket is shared with every other test.
  const url = `s3://${target.bucket}/chaos-${randomUUID()}`;
  Object.assign(layout.env, {
    ATELIER_STORAGE_URL: url,
    AWS_ENDPOINT_URL_S3: target.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: target.accessKeyId,
    AWS_SECRET_ACCESS_KEY: target.secretAccessKey,
  });
  layout.privateDataDirs = kind === 'multi-host';
  const privateDirs = layout.privateDataDirs
    ? MULTI_HOST_COMPONENTS.filter((c) => c !== 'temporal').map((c) => dataDirOf(layout, c))
    : [];
  for (const dir of privateDirs) await mkdir(dir, { recursive: true });
  const settings = storageSettingsOf({
    url,
    dataDir: dataDirOf(layout),
    endpoint: target.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    accessKeyId: target.accessKeyId,
    secretAccessKey: target.secretAccessKey,
    presign: false,
  });
  return {
    storage: createStorage(settings),
    sharedDataDir: null,
    privateDirs,
    stop,
  };
}
