/**
 * `atelier worker [--queue orchestration|training|all]`. Runtime.install comes first
 * (it must precede any connection) and owns SIGINT/SIGTERM: on a signal every worker
 * drains for SHUTDOWN_GRACE_MS, then this process exits by itself — the SDK's signal
 * handlers would otherwise keep it alive.
 */
import { parseArgs } from 'node:util';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { logFormatOf } from '../log-format.ts';
import { resolveTemporalTarget } from '../temporal/connection.ts';
import { createWorkers, type QueueSelection } from '../worker/create-workers.ts';
import { temporalLogger } from '../worker/temporal-logger.ts';
import { createActivityDeps } from '../worker/activity-deps.ts';
import { startStorageJanitor } from '../worker/storage-janitor.ts';
import { startTracing } from '../telemetry/tracing.ts';

const QUEUES: QueueSelection[] = ['orchestration', 'training', 'all'];

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { queue: { type: 'string', default: 'all' } } });
  const queues = values.queue as QueueSelection;
  if (!QUEUES.includes(queues)) throw new Error(`--queue must be one of ${QUEUES.join(', ')}`);
  const config = loadConfig();
  const log = createLogger(config.logLevel, { proc: `worker-${queues}` }, logFormatOf(config));
  const tracing = await startTracing(`worker-${queues}`);
  Runtime.install({
    logger: temporalLogger(log),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} },
      metrics: config.workerMetricsPort
        ? { prometheus: { bindAddress: `${config.workerMetricsHost}:${config.workerMetricsPort}` } }
        : undefined,
    },
    shutdownSignals: ['SIGINT', 'SIGTERM'],
  });
  // Trainers file and storage first: a bad config fails at once, even with Temporal down.
  const deps = await createActivityDeps(config, log);
  // One warm thread per training slot before the first task is polled (a broken trainer fails here).
  if (queues !== 'orchestration') await Promise.all(deps.trainers.list().map((t) => t.warmUp?.()));
  let stopRequested = false;
  // Supervised by `atelier dev`: if the supervisor dies, drain and leave no orphan.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopRequested = true;
      // Draining needs the server; if it is gone too, don't hang past the grace period.
      setTimeout(() => process.exit(1), config.shutdownGraceMs + 15_000).unref();
    });
  }
  // One collector per deployment is enough, and the orchestration worker is the one always there.
  const janitor =
    queues !== 'training' && config.gcIntervalMs > 0
      ? startStorageJanitor(deps.storage, {
          intervalMs: config.gcIntervalMs,
          blobGraceMs: config.blobGraceMs,
          log,
        })
      : undefined;
  const target = resolveTemporalTarget();
  const connection = await NativeConnection.connect(target.connectionOptions);
  log.info(
    { queues, address: target.address },
    'connected; starting workers (bundling workflows takes seconds)',
  );
  try {
    const workers = await createWorkers({
      connection,
      namespace: target.namespace,
      queues,
      trainingSlots: config.trainingSlots,
      shutdownGraceMs: config.shutdownGraceMs,
      workflowBundle: config.workflowBundle,
      taskQueueSuffix: config.taskQueueSuffix,
      deps,
      plugins: tracing ? [tracing.plugin] : [],
    });
    log.info({ queues, address: target.address, slots: config.trainingSlots }, 'worker running');
    const runs = workers.map((w) => w.run());
    // A signal during start-up (bundling takes seconds) found no worker to stop yet. Only a running
    // worker can shut down (run() sets RUNNING synchronously); an initialised one that never ran
    // would keep its hold on the connection and make close() throw.
    if (stopRequested) for (const w of workers) w.shutdown();
    await Promise.all(runs);
    log.info('worker stopped');
    return 0;
  } finally {
    await janitor?.stop();
    await connection.close();
    await tracing?.shutdown();
  }
}
