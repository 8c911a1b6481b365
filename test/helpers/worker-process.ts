/**
 * An `atelier` process (a worker, or the gateway) as a real child process, for tests
 * that kill it with real signals. Resolves once it logs that it is ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { type Harness } from './harness.ts';
import { ATELIER_BIN } from '../harness/components.ts';

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const spawned = new Set<ChildProcess>();
// A failed or timed-out test must not leave workers behind.
process.once('exit', () => {
  for (const child of spawned)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** What a child process needs of the harness: the Temporal address, data, storage, task queues. */
type ProcessTarget = Pick<Harness, 'address' | 'dataDir' | 'storageEnv' | 'suffix'>;

export function startWorkerProcess(
  h: ProcessTarget,
  queue: 'orchestration' | 'training' | 'all',
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  return startAtelierProcess(h, ['worker', '--queue', queue], 'worker running', env);
}

/** `args` after `atelier`; `ready` is the log message that says it is serving. */
export async function startAtelierProcess(
  h: ProcessTarget,
  args: string[],
  ready: string,
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [ATELIER_BIN, ...args], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: h.address,
      ATELIER_DATA_DIR: h.dataDir,
      ...h.storageEnv,
      ATELIER_TASK_QUEUE_SUFFIX: h.suffix,
      WORKER_METRICS_PORT: '0',
      CHECKPOINT_EVERY_MS: '200',
      SHUTDOWN_GRACE_MS: '2000',
      LOG_LEVEL: 'info',
      // Tests read these logs as JSON, whatever a developer's shell says.
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.add(child);
  child.once('exit', () => spawned.delete(child));
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 60_000;
  while (!out.includes(ready)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`${args[0]} did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    output: () => out,
    exited,
    async kill(signal) {
      child.kill(signal);
      return exited;
    },
  };
}
