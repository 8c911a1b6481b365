/**
 * Starts ONE real Temporal dev server and ONE real S3 server (SeaweedFS) for the whole
 * test run, on free ports with throw-away data, provisioned by the same modules
 * `npm start` uses (both binaries are cached under ./.atelier). Each test file takes
 * its own key prefix in the one bucket (test/helpers/storage-backends.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startSeaweedFs, type SeaweedFs } from '../../src/dev/seaweedfs-server.ts';
import { provisionSeaweedFs } from '../../src/provision/seaweedfs.ts';
import { provisionTemporalCli } from '../../src/temporal/cli-provision.ts';
import { startDevServer, type DevServer } from '../../src/temporal/dev-server.ts';
import { freePorts } from './free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalUiUrl: string;
    temporalCliPath: string;
    s3: { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string; weedPath: string };
  }
}

const TEST_BUCKET = 'atelier-test';

let server: DevServer | undefined;
let seaweed: SeaweedFs | undefined;
let tmp: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  // The SDK warns once per process that releases after January 2027 need Node 22: true, and
  // said in the README, but noise in every test process.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const log = (m: string) => console.log(`[global-setup] ${m}`);
  const dataDir = path.resolve('.atelier');
  tmp = await mkdtemp(path.join(os.tmpdir(), 'atelier-test-servers-'));
  const credentials = { accessKeyId: 'atelier-test', secretAccessKey: randomBytes(18).toString('base64url') };
  const [cli, weedPath] = await Promise.all([
    provisionTemporalCli({ dataDir, log }),
    provisionSeaweedFs({ dataDir, log }),
  ]);
  const [port, uiPort] = await freePorts(2);
  [server, seaweed] = await Promise.all([
    startDevServer({ cliPath: cli.path!, dataDir: tmp, port, uiPort, dbFile: path.join(tmp, 'temporal.db') }),
    startSeaweedFs({
      weedPath,
      dir: path.join(tmp, 'seaweedfs'),
      buckets: [TEST_BUCKET],
      ...credentials,
      avoidPorts: [port, uiPort],
    }),
  ]);
  project.provide('temporalAddress', server.address);
  project.provide('temporalUiUrl', server.uiUrl!);
  project.provide('temporalCliPath', cli.path!);
  project.provide('s3', { endpoint: seaweed.endpoint, bucket: TEST_BUCKET, weedPath, ...credentials });
}

export async function teardown(): Promise<void> {
  await Promise.all([server?.stop(5_000), seaweed?.stop(5_000)]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
}
