/**
 * Supervises a single-process SeaweedFS (`weed mini`: master, volume, filer and S3
 * gateway) on loopback and free ports, with the buckets it is asked for. Used by
 * `atelier dev --storage s3` and by the test suite's global setup. Ready means a real
 * PUT into every bucket succeeded (the S3 gateway accepts connections seconds before).
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { freePorts } from './free-port.ts';

export interface SeaweedFsOptions {
  weedPath: string;
  /** Data (volumes, filer metadata) and `weed.log`. */
  dir: string;
  buckets: string[];
  accessKeyId: string;
  secretAccessKey: string;
  readyTimeoutMs?: number;
  /** Ports other processes will bind later (the gateway's, the metrics'): never given to SeaweedFS. */
  avoidPorts?: number[];
}

export interface SeaweedFs {
  /** The S3 endpoint, e.g. http://127.0.0.1:40123 */
  endpoint: string;
  pid: number;
  stop(graceMs?: number): Promise<void>;
}

/** Every listener `weed mini` opens, each on a port of its own (the defaults are fixed ports). */
const PORT_FLAGS = [
  'master.port',
  'master.port.grpc',
  'volume.port',
  'volume.port.grpc',
  'filer.port',
  'filer.port.grpc',
  's3.port',
  's3.port.grpc',
  'admin.port',
  'admin.port.grpc',
];

export async function startSeaweedFs(opts: SeaweedFsOptions): Promise<SeaweedFs> {
  await mkdir(opts.dir, { recursive: true });
  const free = await freePorts(PORT_FLAGS.length, opts.avoidPorts);
  const ports = new Map(PORT_FLAGS.map((flag, i) => [flag, free[i]]));
  const args = [
    'mini',
    '-ip=127.0.0.1',
    '-ip.bind=127.0.0.1',
    `-dir=${opts.dir}`,
    `-bucket=${opts.buckets.join(',')}`,
    ...[...ports].map(([flag, port]) => `-${flag}=${port}`),
    '-s3.port.iceberg=0',
    '-s3.port.lance=0',
    '-webdav=false',
    '-admin.ui=false',
    '-master.telemetry=false',
  ];
  const logFile = path.join(opts.dir, 'weed.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(opts.weedPath, args, {
    // weed mini makes these credentials its admin identity.
    env: { ...process.env, AWS_ACCESS_KEY_ID: opts.accessKeyId, AWS_SECRET_ACCESS_KEY: opts.secretAccessKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${ports.get('s3.port')}`;
  const stop = async (graceMs = 5_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    log.end();
  };
  try {
    await waitForBuckets(endpoint, opts, () => child.exitCode !== null || child.signalCode !== null);
  } catch (err) {
    await stop(1_000);
    const tail = (await readFile(logFile, 'utf8').catch(() => '')).trim().split('\n').slice(-15).join('\n');
    throw new Error(`${(err as Error).message}\n--- ${logFile} (last lines) ---\n${tail}`);
  }
  return { endpoint, pid: child.pid!, stop };
}

async function waitForBuckets(
  endpoint: string,
  opts: SeaweedFsOptions,
  exited: () => boolean,
): Promise<void> {
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
  });
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  let lastError = 'no answer yet';
  try {
    for (let delay = 50; Date.now() < deadline; delay = Math.min(delay * 2, 500)) {
      if (exited()) throw new Error(`SeaweedFS exited before it was ready (last error: ${lastError})`);
      try {
        for (const bucket of opts.buckets) {
          await client.send(new PutObjectCommand({ Bucket: bucket, Key: '_ready', Body: 'ok' }));
          await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: '_ready' }));
        }
        return;
      } catch (err) {
        lastError = `${(err as Error).name}: ${(err as Error).message}`;
      }
      await sleep(delay);
    }
    throw new Error(
      `SeaweedFS at ${endpoint} was not ready within ${opts.readyTimeoutMs ?? 60_000} ms (last error: ${lastError})`,
    );
  } finally {
    client.destroy();
  }
}
