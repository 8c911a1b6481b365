/**
 * Supervises a Temporal CLI dev server: SQLite file under the data dir (so jobs
 * survive restarts), the Web UI, our search attributes and the priority/fairness
 * matcher. Used by `atelier dev` and by the test suite's global setup.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { ensureSearchAttributes, searchAttributeFlags } from './search-attributes.ts';

export interface DevServerOptions {
  cliPath: string;
  dataDir: string;
  ip?: string;
  port: number;
  /** 0 or undefined: headless. */
  uiPort?: number;
  /** Defaults to <dataDir>/temporal.db; ':memory:' keeps nothing. */
  dbFile?: string;
  namespace?: string;
  /** The server's Prometheus endpoint (`/metrics`); the CLI picks a free port when omitted. */
  metricsPort?: number;
  readyTimeoutMs?: number;
  log?: (msg: string) => void;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Priority levels and fairness are set explicitly so behaviour doesn't depend on the
 * CLI version. One partition per task queue: ordering by priority and fairness is
 * per partition, and a single dev server gains nothing from more.
 */
const DYNAMIC_CONFIG = [
  'matching.useNewMatcher=true',
  'matching.enableFairness=true',
  'matching.priorityLevels=5',
  'matching.numTaskqueueReadPartitions=1',
  'matching.numTaskqueueWritePartitions=1',
];

/** The dev server's dynamic config as CLI flags (also used when the SDK runs the server). */
export function dynamicConfigFlags(): string[] {
  return DYNAMIC_CONFIG.flatMap((value) => ['--dynamic-config-value', value]);
}

export function devServerArgs(opts: DevServerOptions): string[] {
  const args = ['server', 'start-dev', '--ip', opts.ip ?? '127.0.0.1', '--port', String(opts.port)];
  args.push('--namespace', opts.namespace ?? 'default', '--log-level', 'warn');
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.metricsPort) args.push('--metrics-port', String(opts.metricsPort));
  if (opts.dbFile !== ':memory:') {
    args.push(
      '--db-filename',
      opts.dbFile ?? path.join(opts.dataDir, 'temporal.db'),
      '--sqlite-pragma',
      'journal_mode=wal',
    );
  }
  args.push(...searchAttributeFlags());
  args.push(...dynamicConfigFlags());
  return args;
}

/** Resolves once the frontend answers and the namespace is registered. */
export async function waitForTemporal(
  address: string,
  namespace: string,
  timeoutMs: number,
  exited?: () => string | undefined,
): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    const why = exited?.();
    if (why) throw new Error(why);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return connection;
      } catch (err) {
        await connection.close();
        throw err;
      }
    } catch (err) {
      lastError = (err as Error).message;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(
    `Temporal at ${address} did not become ready within ${Math.round(timeoutMs / 1000)} s (last error: ${lastError})`,
  );
}

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  await mkdir(opts.dataDir, { recursive: true });
  const address = `${opts.ip ?? '127.0.0.1'}:${opts.port}`;
  const namespace = opts.namespace ?? 'default';
  // Own process group: a terminal Ctrl-C reaches only the supervisor, which stops
  // the server last, after the workers have drained.
  const child = spawn(opts.cliPath, devServerArgs(opts), {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let tail = '';
  const keepTail = (d: Buffer) => (tail = (tail + d.toString()).slice(-4000));
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exitReason = `Temporal dev server exited early (code ${code}, signal ${signal}):\n${tail.trim()}`;
      resolve();
    });
    child.on('error', (err) => {
      exitReason = `could not start ${opts.cliPath}: ${err.message}`;
      resolve();
    });
  });
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  try {
    const connection = await waitForTemporal(
      address,
      namespace,
      opts.readyTimeoutMs ?? 60_000,
      () => exitReason,
    );
    const added = await ensureSearchAttributes(connection, namespace);
    if (added.length) opts.log?.(`registered search attributes ${added.join(', ')}`);
    await connection.close();
  } catch (err) {
    await stop(2_000);
    throw err;
  }
  return {
    address,
    uiUrl: opts.uiPort ? `http://localhost:${opts.uiPort}` : undefined,
    process: child,
    stop,
  };
}
