/**
 * A real Temporal cluster on this machine: PostgreSQL 15, the schema by the server's
 * sql tool, then frontend, history, matching and worker as four `server start
 * --service=X` processes sharing one rendered config, namespace `default` and
 * Atelier's search attributes registered. Each service can be SIGKILLed and started
 * again on the same ports; "serving" is the frontend answering for the namespace,
 * or another service's gRPC port accepting connections again.
 */
import { chmod } from 'node:fs/promises';
import { createConnection } from 'node:net';
import path from 'node:path';
import { spawnLogged, type LoggedChild } from '../logged-child.ts';
import { stablePorts } from '../ports.ts';
import { waitForTemporal } from '../../../src/temporal/dev-server.ts';
import { setupNamespace } from './namespace-setup.ts';
import { startPostgres, type Postgres } from './postgres.ts';
import {
  renderTemporalConfig,
  TEMPORAL_SERVICES,
  type ClusterPorts,
  type TemporalService,
} from './temporal-config.ts';
import { setupTemporalSchema } from './temporal-schema.ts';
import { type TemporalServerBinaries } from './temporal-server-build.ts';

export interface ServiceExit {
  service: TemporalService;
  pid: number;
  code: number | null;
  tail: string;
}

export interface TemporalCluster {
  address: string;
  ports: ClusterPorts;
  postgres: Postgres;
  pidOf(service: TemporalService): number | undefined;
  start(service: TemporalService): LoggedChild;
  kill(service: TemporalService): Promise<{ pid: number; killedAt: number }>;
  /** Resolves with the time the service's current incarnation was seen serving. */
  waitServing(service: TemporalService, timeoutMs: number): Promise<number>;
  started: { component: string; pid: number }[];
  /** Services that died without being killed, once the cluster was set up (each restarted). */
  unexpectedExits: ServiceExit[];
  /** Services that died while the cluster was being set up (each restarted). */
  startFailures: ServiceExit[];
  /** Frontend first (no new calls), then worker, matching, history; PostgreSQL last. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

export async function startTemporalCluster(opts: {
  runDir: string;
  binaries: TemporalServerBinaries;
  log(m: string): void;
}): Promise<TemporalCluster> {
  const [pg, http, ...rest] = await stablePorts(2 + 2 * TEMPORAL_SERVICES.length);
  const ports: ClusterPorts = {
    postgres: pg,
    frontendHttp: http,
    grpc: Object.fromEntries(TEMPORAL_SERVICES.map((s, i) => [s, rest[i]])) as ClusterPorts['grpc'],
    membership: Object.fromEntries(
      TEMPORAL_SERVICES.map((s, i) => [s, rest[TEMPORAL_SERVICES.length + i]]),
    ) as ClusterPorts['membership'],
  };
  await chmod(opts.runDir, 0o711); // the postgres user must get through to its directory
  opts.log(`PostgreSQL on 127.0.0.1:${pg}`);
  const postgres = await startPostgres({ dir: path.join(opts.runDir, 'pg'), port: pg, log: opts.log });
  const current = new Map<TemporalService, LoggedChild>();
  const killedByUs = new Set<number>();
  const started: TemporalCluster['started'] = [{ component: 'postgres', pid: postgres.pid }];
  const unexpectedExits: ServiceExit[] = [];
  const startFailures: ServiceExit[] = [];
  let setUpDone = false;
  const incarnations = new Map<TemporalService, number>();
  const address = `127.0.0.1:${ports.grpc.frontend}`;
  let stopping = false;
  let configFile = '';

  const start = (service: TemporalService): LoggedChild => {
    const n = (incarnations.get(service) ?? 0) + 1;
    incarnations.set(service, n);
    const child = spawnLogged({
      name: `temporal-${service}`,
      command: opts.binaries.server,
      args: ['--config-file', configFile, '--allow-no-auth', 'start', '--service', service],
      env: process.env,
      logFile: path.join(opts.runDir, 'logs', `temporal-${service}-${n}.log`),
      ipc: false,
    });
    current.set(service, child);
    started.push({ component: `temporal-${service}`, pid: child.pid });
    // Like compose's `restart: unless-stopped`: a service that dies by itself is started again.
    void child.exited.then((e) => {
      if (stopping || killedByUs.has(child.pid) || current.get(service) !== child) return;
      const exit = { service, pid: child.pid, code: e.code, tail: child.tail().slice(-2000) };
      (setUpDone ? unexpectedExits : startFailures).push(exit);
      opts.log(`temporal ${service} (pid ${child.pid}) exited by itself (code ${e.code}); restarting it`);
      if (startFailures.length > 8) return opts.log('too many failed starts; not restarting');
      setTimeout(() => !stopping && current.get(service) === child && start(service), 1_000);
    });
    return child;
  };

  const stopOne = async (service: TemporalService) => {
    const child = current.get(service);
    if (!child?.alive()) return;
    child.child.kill('SIGTERM');
    const timer = setTimeout(() => child.child.kill('SIGKILL'), 10_000);
    await child.exited;
    clearTimeout(timer);
  };

  const cluster: TemporalCluster = {
    address,
    ports,
    postgres,
    started,
    unexpectedExits,
    startFailures,
    start,
    pidOf: (s) => (current.get(s)?.alive() ? current.get(s)!.pid : undefined),
    async kill(service) {
      const child = current.get(service);
      if (!child?.alive()) throw new Error(`temporal ${service} is not running`);
      killedByUs.add(child.pid);
      const killedAt = Date.now();
      child.child.kill('SIGKILL');
      await child.exited;
      return { pid: child.pid, killedAt };
    },
    async waitServing(service, timeoutMs) {
      const child = current.get(service)!;
      const deadline = Date.now() + timeoutMs;
      const exited = () =>
        child.alive() ? undefined : `temporal ${service} exited:\n${child.tail().slice(-1500)}`;
      if (service === 'frontend') {
        await (await waitForTemporal(address, 'default', timeoutMs, exited)).close();
        return Date.now();
      }
      while (Date.now() < deadline) {
        const why = exited();
        if (why) throw new Error(why);
        if (await portOpen(ports.grpc[service])) return Date.now();
        await sleep(100);
      }
      throw new Error(`temporal ${service} not serving on port ${ports.grpc[service]}`);
    },
    async stop() {
      stopping = true;
      for (const s of ['frontend', 'worker', 'matching', 'history'] as const) await stopOne(s);
      await postgres.stop();
    },
  };
  try {
    opts.log('creating the Temporal schema');
    await setupTemporalSchema(opts.binaries, pg);
    configFile = await renderTemporalConfig(opts.runDir, ports);
    // One service first: it initialises the cluster metadata, which four racing on an empty database may fail to do.
    start('history');
    await cluster.waitServing('history', 120_000);
    for (const s of TEMPORAL_SERVICES.filter((x) => x !== 'history')) start(s);
    opts.log(`Temporal services starting; frontend at ${address}`);
    await setupNamespace(address, 180_000);
    for (const s of TEMPORAL_SERVICES) await cluster.waitServing(s, 60_000);
    setUpDone = true;
    for (const f of startFailures)
      opts.log(`(${f.service} failed to start once: ${f.tail.trim().split('\n').at(-1)?.slice(0, 300)})`);
    return cluster;
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}
