/**
 * How each cluster member is started: the Temporal CLI dev server on a SQLite file,
 * and `node bin/atelier.mjs gateway | worker --queue …` with an environment built
 * from scratch (nothing from the caller's TEMPORAL_* / ATELIER_* settings leaks in).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { devServerArgs } from '../../src/temporal/dev-server.ts';

export const COMPONENTS = ['temporal', 'gateway', 'orchestration', 'training'] as const;
/** A second training worker, only in the multi-host layout: the kill schedule can hit either. */
export const SECOND_TRAINING = 'training-2';
export type Component = (typeof COMPONENTS)[number] | typeof SECOND_TRAINING;
export const MULTI_HOST_COMPONENTS: readonly Component[] = [...COMPONENTS, SECOND_TRAINING];

/** The task queue a worker member polls. */
export const queueOf = (c: Exclude<Component, 'temporal' | 'gateway'>) =>
  c === SECOND_TRAINING ? 'training' : c;
export const isTraining = (c: Component) => c === 'training' || c === SECOND_TRAINING;

export const ATELIER_BIN = fileURLToPath(new URL('../../bin/atelier.mjs', import.meta.url));

export interface ClusterLayout {
  runDir: string;
  cliPath: string;
  temporalPort: number;
  gatewayPort: number;
  /** Prebuilt workflow bundle, so a restarted orchestration worker skips webpack (as in production). */
  workflowBundle?: string;
  /** Extra configuration for every atelier process (HEARTBEAT_TIMEOUT_MS, CHECKPOINT_EVERY_MS, …). */
  env: Record<string, string>;
  /**
   * Multi-host: every member gets its own data dir (`<runDir>/hosts/<member>`, empty at
   * the start and kept across its restarts, like a host's disk); storage must then be S3.
   */
  privateDataDirs?: boolean;
}

/** The shared data dir, or with `privateDataDirs` the member's own. */
export const dataDirOf = (l: ClusterLayout, component?: Component) =>
  l.privateDataDirs && component ? path.join(l.runDir, 'hosts', component) : path.join(l.runDir, 'data');
export const dbFileOf = (l: ClusterLayout) => path.join(l.runDir, 'temporal.db');
export const addressOf = (l: ClusterLayout) => `127.0.0.1:${l.temporalPort}`;

/** Variables Atelier or Temporal read; the caller's values must not reach the cluster. */
const OWN_VARIABLE =
  /^(TEMPORAL_|ATELIER_)|^(PORT|HOST|LOG_LEVEL|TRAINING_SLOTS|WORKER_METRICS_PORT|SHUTDOWN_GRACE_MS|HEARTBEAT_TIMEOUT_MS|CHECKPOINT_EVERY_MS|MAX_[A-Z_]+)$/;

export function atelierEnv(l: ClusterLayout, component?: Component): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OWN_VARIABLE.test(k)));
  return {
    ...base,
    TEMPORAL_ADDRESS: addressOf(l),
    TEMPORAL_NAMESPACE: 'default',
    ATELIER_DATA_DIR: dataDirOf(l, component),
    HOST: '127.0.0.1',
    PORT: String(l.gatewayPort),
    WORKER_METRICS_PORT: '0',
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_MS: '3000',
    ...(l.workflowBundle ? { ATELIER_WORKFLOW_BUNDLE: l.workflowBundle } : {}),
    ...l.env,
  };
}

export interface LaunchSpec {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  ipc: boolean;
}

export function launchSpecOf(component: Component, l: ClusterLayout): LaunchSpec {
  if (component === 'temporal') {
    const args = devServerArgs({
      cliPath: l.cliPath,
      dataDir: l.runDir,
      port: l.temporalPort,
      dbFile: dbFileOf(l),
    });
    return { command: l.cliPath, args, env: process.env, ipc: false };
  }
  const args = component === 'gateway' ? ['gateway'] : ['worker', '--queue', queueOf(component)];
  return {
    command: process.execPath,
    args: [ATELIER_BIN, ...args],
    env: atelierEnv(l, component),
    ipc: true,
  };
}
