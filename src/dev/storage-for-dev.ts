/**
 * The storage `atelier dev` gives its gateway and worker: the configured one as it is
 * (the data dir, or ATELIER_STORAGE_URL), or with `--storage s3` (ATELIER_STORAGE=s3) an
 * embedded SeaweedFS whose data lives under the data dir, so the processes share nothing
 * but a real S3 endpoint — the multi-host setup, on one machine.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type Config } from '../config.ts';
import { provisionSeaweedFs } from '../provision/seaweedfs.ts';
import { startSeaweedFs } from './seaweedfs-server.ts';

export const DEV_BUCKET = 'atelier';

export interface DevStorage {
  /** Environment for the gateway and worker children. */
  env: Record<string, string>;
  how: string;
  stop(): Promise<void>;
  /** For a forced stop: no waiting. */
  killNow(): void;
}

export async function storageForDev(
  config: Config,
  mode: 'fs' | 's3',
  say: (m: string) => void,
): Promise<DevStorage> {
  const configured =
    config.storage.kind === 's3' ? `s3://${config.storage.bucket}/${config.storage.prefix}` : null;
  if (mode === 'fs' || configured) {
    return {
      env: {},
      how: configured ? `storage: ${configured} (ATELIER_STORAGE_URL)` : `storage: ${config.dataDir}`,
      stop: async () => undefined,
      killNow: () => undefined,
    };
  }
  const weedPath = config.seaweedFsPath ?? (await provisionSeaweedFs({ dataDir: config.dataDir, log: say }));
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID || 'atelier-dev';
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY || randomBytes(18).toString('base64url');
  const dir = path.join(config.dataDir, 'seaweedfs-data');
  const server = await startSeaweedFs({
    weedPath,
    dir,
    buckets: [DEV_BUCKET],
    accessKeyId,
    secretAccessKey,
    // The gateway and the worker's metrics bind after SeaweedFS is up.
    avoidPorts: [config.port, config.workerMetricsPort],
  });
  return {
    env: {
      ATELIER_STORAGE_URL: `s3://${DEV_BUCKET}`,
      AWS_ENDPOINT_URL_S3: server.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
    },
    how: `storage: s3://${DEV_BUCKET} on an embedded SeaweedFS at ${server.endpoint} (data: ${dir})`,
    stop: () => server.stop(5_000),
    killNow: () => process.kill(server.pid, 'SIGKILL'),
  };
}
