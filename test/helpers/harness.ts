/**
 * Per-test-file harness on the shared dev server: a client, a temp data dir, storage on
 * either backend (fs in the data dir by default, or s3 on the run's SeaweedFS under a
 * prefix of its own), and in-process workers on task queues with a unique suffix, so
 * files running in parallel never take each other's tasks.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { type ActivityDeps } from '../../activities/index.ts';
import { loadTrainers } from '../../src/training/load-trainers.ts';
import { createWorkers, type QueueSelection } from '../../src/worker/create-workers.ts';
import { TaskQueue } from '../../workflows/task-queues.ts';
import { createTestStorage, type Backend, type TestStorage } from './storage-backends.ts';

export interface Harness {
  address: string;
  client: Client;
  dataDir: string;
  /** The storage backend and raw access to it (for injecting faults). */
  store: TestStorage;
  /** Environment for child processes (workers, gateway) to use the same storage. */
  storageEnv: Record<string, string>;
  suffix: string;
  orchestrationQueue: string;
  trainingQueue: string;
  deps: ActivityDeps;
  startWorkers(queues?: QueueSelection, overrides?: Partial<ActivityDeps>): Promise<RunningWorkers>;
  close(): Promise<void>;
}

export interface RunningWorkers {
  workers: Worker[];
  stop(): Promise<void>;
}

const overlaps = (a: QueueSelection, b: QueueSelection) => a === 'all' || b === 'all' || a === b;

let runtimeInstalled = false;

/** Quiet SDK logs in tests: expected failures (bad images, cancels) would bury real errors. Once per test process. */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
}

export interface StorageChoice {
  /** The storage backend (default fs). */
  backend?: Backend;
}

export async function createHarness(opts: StorageChoice = {}): Promise<Harness> {
  installQuietRuntime();
  const address = inject('temporalAddress');
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const store = await createTestStorage(opts.backend ?? 'fs');
  // Child processes get ATELIER_DATA_DIR: the fs backend's root, or (s3) a private scratch dir.
  const dataDir =
    store.settings.kind === 'fs'
      ? store.settings.root
      : await mkdtemp(path.join(os.tmpdir(), 'atelier-test-data-'));
  // Tests put files of their own there (inputs for child processes): it exists from the start.
  await mkdir(dataDir, { recursive: true });
  const suffix = `-${randomUUID().slice(0, 8)}`;
  const deps: ActivityDeps = {
    storage: store.storage,
    trainers: await loadTrainers({}),
    maxInputPixels: 40_000_000,
    maxTrainingPixels: 1_048_576,
    checkpointEveryMs: 200,
    checkpointKeep: 2,
    storageMaxRetries: 10,
    webhooks: {
      secrets: ['whsec_' + Buffer.from('test-secret-test-secret-32bytes!').toString('base64')],
      policy: { allowPrivate: true, allowHttp: true },
      timeoutMs: 10_000,
    },
  };
  const running: (RunningWorkers & { queues: QueueSelection })[] = [];
  let native: NativeConnection | undefined;
  return {
    address,
    client,
    dataDir,
    store,
    storageEnv: store.env,
    suffix,
    orchestrationQueue: TaskQueue.orchestration + suffix,
    trainingQueue: TaskQueue.training + suffix,
    deps,
    async startWorkers(queues = 'all', overrides = {}) {
      native ??= await NativeConnection.connect({ address });
      // One worker per queue and process: stop earlier ones (a failed test may have left them running).
      for (const r of running.filter((r) => overlaps(r.queues, queues))) await r.stop();
      const workers = await createWorkers({
        connection: native,
        namespace: 'default',
        queues,
        trainingSlots: 1,
        shutdownGraceMs: 1_000,
        deps: { ...deps, ...overrides },
        taskQueueSuffix: suffix,
      });
      const runs = workers.map((w) => w.run());
      const handle: RunningWorkers & { queues: QueueSelection } = {
        workers,
        queues,
        async stop() {
          running.splice(running.indexOf(handle) >>> 0, running.includes(handle) ? 1 : 0);
          for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
          await Promise.allSettled(runs);
        },
      };
      running.push(handle);
      return handle;
    },
    async close() {
      for (const r of [...running]) await r.stop();
      await native?.close();
      await connection.close();
      await store.remove();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
