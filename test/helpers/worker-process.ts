/**
 * A worker as a real child process (`atelier worker`), for tests that kill it with
 * real signals. Resolves once the worker logs that it is polling.
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

export async function startWorkerProcess(
  h: Harness,
  queue: 'orchestration' | 'training' | 'all',
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [ATELIER_BIN, 'worker', '--queue', queue], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: h.address,
      ATELIER_DATA_DIR: h.dataDir,
      ATELIER_TASK_QUEUE_SUFFIX: h.suffix,
      WORKER_METRICS_PORT: '0',
      CHECKPOINT_EVERY_MS: '200',
      SHUTDOWN_GRACE_MS: '2000',
      LOG_LEVEL: 'info',
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
  while (!out.includes('worker running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`worker did not start:\n${out}`);
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
