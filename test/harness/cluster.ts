/**
 * Process control of a cluster (the chaos run's, the benchmarks'): start each member, SIGKILL it, start it
 * again on the same database and data dir, tell when it is serving, and stop it all
 * in order at the end. Like a process supervisor it also restarts a member that died
 * without being killed — and records that, because it is a finding in itself. A member
 * that dies while STARTING is retried by waitServing (a few times) and recorded apart:
 * on a shared machine that is usually a port someone else took, not a crash.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ensureSearchAttributes } from '../../src/temporal/search-attributes.ts';
import { Connection } from '@temporalio/client';
import { addressOf, type ClusterLayout, type Component, COMPONENTS, launchSpecOf } from './components.ts';
import { spawnLogged, type LoggedChild } from './logged-child.ts';
import { gatewayServing, MemberExitedError, temporalServing, workerServing } from './readiness.ts';

export interface StartedProcess {
  component: Component;
  pid: number;
  startedAt: number;
  logFile: string;
}

export interface UnexpectedExit {
  component: Component;
  pid: number;
  at: number;
  code: number | null;
  signal: string | null;
  tail: string;
}

export interface Cluster {
  layout: ClusterLayout;
  address: string;
  gatewayUrl: string;
  /** Temporal first (and its search attributes), then the other members side by side. */
  startAll(timeoutMs: number, members?: readonly Component[]): Promise<void>;
  /** SIGKILLs the member and resolves once the process is gone; returns the kill time. */
  kill(component: Component): Promise<{ pid: number; killedAt: number }>;
  start(component: Component): LoggedChild;
  /** Pid of the member's current incarnation, if it is alive. */
  pidOf(component: Component): number | undefined;
  /** Resolves with the time the member was first seen serving (by its current incarnation). */
  waitServing(component: Component, timeoutMs: number): Promise<number>;
  started: StartedProcess[];
  unexpectedExits: UnexpectedExit[];
  /** Incarnations that exited before serving (and were started again). */
  startFailures: UnexpectedExit[];
  /** Gateway first (no new work), workers drain, Temporal last; SIGKILL whatever outlives its grace. */
  stop(): Promise<void>;
}

const RESTART_AFTER_CRASH_MS = 1_000;
const START_ATTEMPTS = 3;

export function createCluster(layout: ClusterLayout, say: (m: string) => void): Cluster {
  const current = new Map<Component, LoggedChild>();
  const killedByUs = new Set<number>();
  const started: StartedProcess[] = [];
  const unexpectedExits: UnexpectedExit[] = [];
  const startFailures: UnexpectedExit[] = [];
  const servedOnce = new Set<number>();
  const incarnations = new Map<Component, number>();
  let stopping = false;
  const address = addressOf(layout);
  const gatewayUrl = `http://127.0.0.1:${layout.gatewayPort}`;

  function start(component: Component): LoggedChild {
    const n = (incarnations.get(component) ?? 0) + 1;
    incarnations.set(component, n);
    const spec = launchSpecOf(component, layout);
    const logFile = path.join(layout.runDir, 'logs', `${component}-${n}.log`);
    const child = spawnLogged({ name: component, logFile, ...spec });
    current.set(component, child);
    started.push({ component, pid: child.pid, startedAt: child.startedAt, logFile });
    void child.exited.then((exit) => {
      if (stopping || killedByUs.has(child.pid) || current.get(component) !== child) return;
      const facts = {
        component,
        pid: child.pid,
        at: exit.at,
        code: exit.code,
        signal: exit.signal,
        tail: child.tail().slice(-2000),
      };
      if (!servedOnce.has(child.pid)) return void startFailures.push(facts); // waitServing starts it again
      unexpectedExits.push(facts);
      say(
        `${component} (pid ${child.pid}) exited by itself (code ${exit.code}, signal ${exit.signal}); restarting`,
      );
      setTimeout(
        () => !stopping && current.get(component) === child && start(component),
        RESTART_AFTER_CRASH_MS,
      );
    });
    return child;
  }

  const livePid = (c: Component) => {
    const child = current.get(c);
    return child?.alive() ? child.pid : undefined;
  };

  function waitOne(component: Component, child: LoggedChild, deadline: number): Promise<void> {
    if (component === 'temporal') return temporalServing(address, child, deadline);
    if (component === 'gateway') return gatewayServing(gatewayUrl, child, deadline);
    return workerServing(address, component, child, deadline);
  }

  async function waitServing(component: Component, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const child = current.get(component)!;
      try {
        await waitOne(component, child, deadline);
        servedOnce.add(child.pid);
        return Date.now();
      } catch (err) {
        if (!(err instanceof MemberExitedError) || attempt >= START_ATTEMPTS || Date.now() > deadline)
          throw err;
        say(`${component} (pid ${child.pid}) exited while starting; starting it again`);
        await new Promise((r) => setTimeout(r, 500));
        // The supervisor may already have replaced an incarnation that crashed after serving.
        if (current.get(component) === child) start(component);
      }
    }
  }

  async function stopOne(component: Component, graceMs: number): Promise<void> {
    const child = current.get(component);
    if (!child?.alive()) return;
    child.child.kill('SIGTERM');
    const timer = setTimeout(() => child.child.kill('SIGKILL'), graceMs);
    await child.exited;
    clearTimeout(timer);
  }

  return {
    layout,
    address,
    gatewayUrl,
    started,
    unexpectedExits,
    startFailures,
    start,
    waitServing,
    pidOf: livePid,
    async startAll(timeoutMs, members = COMPONENTS) {
      await mkdir(path.join(layout.runDir, 'logs'), { recursive: true });
      if (members.includes('temporal')) {
        start('temporal');
        await waitServing('temporal', timeoutMs);
        const connection = await Connection.connect({ address });
        await ensureSearchAttributes(connection, 'default').finally(() => connection.close());
      }
      const rest = members.filter((c) => c !== 'temporal');
      for (const c of rest) start(c);
      await Promise.all(rest.map((c) => waitServing(c, timeoutMs)));
    },
    async kill(component) {
      const child = current.get(component);
      if (!child?.alive()) throw new Error(`${component} is not running`);
      killedByUs.add(child.pid);
      const killedAt = Date.now();
      child.child.kill('SIGKILL');
      await child.exited;
      return { pid: child.pid, killedAt };
    },
    async stop() {
      stopping = true;
      await stopOne('gateway', 5_000);
      await Promise.all(
        (['orchestration', 'training', 'training-2'] as const).map((c) => stopOne(c, 10_000)),
      );
      await stopOne('temporal', 10_000);
    },
  };
}
