/**
 * The Atelier processes of the cluster tier, against the cluster's frontend: one
 * gateway, one orchestration worker and any number of training workers (one slot
 * each, as `docker compose --scale worker-training=N`), each `node bin/atelier.mjs …`
 * started the way the chaos suite starts them (components.ts), with a prebuilt
 * workflow bundle as in production.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ATELIER_BIN, type ClusterLayout, launchSpecOf } from '../components.ts';
import { spawnLogged, type LoggedChild } from '../logged-child.ts';
import { stablePorts } from '../ports.ts';
import { gatewayServing, workerServing } from '../readiness.ts';

export type AtelierMember = 'gateway' | 'orchestration' | `training-${number}`;

export interface AtelierOnCluster {
  layout: ClusterLayout;
  gatewayUrl: string;
  pids(): Record<string, number | undefined>;
  start(member: AtelierMember): LoggedChild;
  waitServing(member: AtelierMember, timeoutMs: number): Promise<number>;
  kill(member: AtelierMember): Promise<{ pid: number; killedAt: number }>;
  /** Starts or stops training workers until exactly `n` run, each serving. */
  scaleTraining(n: number): Promise<void>;
  /** Restarts the gateway so new jobs go to the orchestration queue + `suffix`. */
  gatewayOnQueueSuffix(suffix: string): Promise<void>;
  started: { component: string; pid: number }[];
  /** Members that died without being killed or stopped. */
  unexpectedExits: { component: string; pid: number; code: number | null; tail: string }[];
  stop(): Promise<void>;
}

const kindOf = (m: AtelierMember) =>
  m.startsWith('training') ? 'training' : (m as 'gateway' | 'orchestration');

export async function atelierOnCluster(opts: {
  runDir: string;
  temporalPort: number;
  env: Record<string, string>;
}): Promise<AtelierOnCluster> {
  const workflowBundle = path.join(opts.runDir, 'workflow-bundle.js');
  await promisify(execFile)(process.execPath, [ATELIER_BIN, 'build-workflows', workflowBundle], {
    timeout: 300_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [gatewayPort] = await stablePorts(1);
  const layout: ClusterLayout = {
    runDir: opts.runDir,
    cliPath: '', // Temporal is the cluster, not a dev server
    temporalPort: opts.temporalPort,
    gatewayPort,
    workflowBundle,
    env: { ...opts.env },
  };
  const address = `127.0.0.1:${opts.temporalPort}`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const current = new Map<AtelierMember, LoggedChild>();
  const incarnations = new Map<AtelierMember, number>();
  const started: AtelierOnCluster['started'] = [];
  const unexpectedExits: AtelierOnCluster['unexpectedExits'] = [];
  const expected = new Set<number>(); // pids we killed or stopped

  const start = (member: AtelierMember) => {
    const n = (incarnations.get(member) ?? 0) + 1;
    incarnations.set(member, n);
    const spec = launchSpecOf(kindOf(member), layout);
    const child = spawnLogged({
      name: member,
      logFile: path.join(opts.runDir, 'logs', `${member}-${n}.log`),
      ...spec,
    });
    current.set(member, child);
    started.push({ component: member, pid: child.pid });
    void child.exited.then((e) => {
      if (!expected.has(child.pid))
        unexpectedExits.push({
          component: member,
          pid: child.pid,
          code: e.code,
          tail: child.tail().slice(-2000),
        });
    });
    return child;
  };
  const waitServing = async (member: AtelierMember, timeoutMs: number) => {
    const child = current.get(member)!;
    const deadline = Date.now() + timeoutMs;
    const kind = kindOf(member);
    if (kind === 'gateway') await gatewayServing(gatewayUrl, child, deadline);
    else await workerServing(address, kind, child, deadline);
    return Date.now();
  };
  const stopOne = async (member: AtelierMember, graceMs: number) => {
    const child = current.get(member);
    current.delete(member);
    if (!child?.alive()) return;
    expected.add(child.pid);
    child.child.kill('SIGTERM');
    const timer = setTimeout(() => child.child.kill('SIGKILL'), graceMs);
    await child.exited;
    clearTimeout(timer);
  };
  const training = () => [...current.keys()].filter((m) => m.startsWith('training'));

  return {
    layout,
    gatewayUrl,
    started,
    unexpectedExits,
    start,
    waitServing,
    pids: () => Object.fromEntries([...current].map(([m, c]) => [m, c.alive() ? c.pid : undefined])),
    async kill(member) {
      const child = current.get(member);
      if (!child?.alive()) throw new Error(`${member} is not running`);
      expected.add(child.pid);
      const killedAt = Date.now();
      child.child.kill('SIGKILL');
      await child.exited;
      return { pid: child.pid, killedAt };
    },
    async scaleTraining(n) {
      while (training().length > n) await stopOne(training().at(-1)!, 15_000);
      const added: AtelierMember[] = [];
      for (let i = training().length + 1; i <= n; i++) {
        const m: AtelierMember = `training-${i}`;
        start(m);
        added.push(m);
      }
      await Promise.all(added.map((m) => waitServing(m, 120_000)));
    },
    async gatewayOnQueueSuffix(suffix) {
      layout.env.ATELIER_TASK_QUEUE_SUFFIX = suffix;
      await stopOne('gateway', 5_000);
      start('gateway');
      await waitServing('gateway', 60_000);
    },
    async stop() {
      await stopOne('gateway', 5_000);
      await Promise.all([...current.keys()].map((m) => stopOne(m, 15_000)));
    },
  };
}
