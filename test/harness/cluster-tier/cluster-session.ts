/**
 * One run of the cluster tier from start to clean-up: build (once) and start the
 * Temporal cluster, start the Atelier processes against it, run `fn`, then stop
 * Atelier, Temporal and PostgreSQL in that order and look for anything left behind
 * (no process may still run in the run directory, no port may still listen).
 * Ctrl-C and the caller's watchdog end the process; the children die with it
 * (logged-child.ts, postgres.ts), and the run directory is removed on the way out.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Violation } from '../violation.ts';
import { findOrphans } from '../orphans.ts';
import { atelierOnCluster, type AtelierOnCluster } from './atelier-on-cluster.ts';
import { startTemporalCluster, type TemporalCluster } from './temporal-cluster.ts';
import { ensureTemporalServer, TEMPORAL_SERVER_VERSION } from './temporal-server-build.ts';

export interface ClusterSession {
  runDir: string;
  temporal: TemporalCluster;
  atelier: AtelierOnCluster;
  serverVersion: string;
}

export async function withClusterSession<T>(opts: {
  prefix: string;
  env: Record<string, string>;
  keepRunDir?: boolean;
  say(m: string): void;
  fn(s: ClusterSession): Promise<T>;
}): Promise<{ result: T; orphans: Violation[]; runDir: string }> {
  const binaries = await ensureTemporalServer(opts.say);
  const runDir = await mkdtemp(path.join(os.tmpdir(), opts.prefix));
  await mkdir(path.join(runDir, 'logs'));
  const cleanUp = () => opts.keepRunDir || rmSync(runDir, { recursive: true, force: true });
  process.once('exit', cleanUp);
  process.once('SIGINT', () => {
    opts.say('interrupted; killing the cluster');
    process.exit(130);
  });
  const temporal = await startTemporalCluster({ runDir, binaries, log: opts.say });
  let atelier: AtelierOnCluster | undefined;
  try {
    atelier = await atelierOnCluster({ runDir, temporalPort: temporal.ports.grpc.frontend, env: opts.env });
    atelier.start('gateway');
    atelier.start('orchestration');
    await Promise.all([
      atelier.waitServing('gateway', 120_000),
      atelier.waitServing('orchestration', 120_000),
    ]);
    const result = await opts.fn({ runDir, temporal, atelier, serverVersion: TEMPORAL_SERVER_VERSION });
    return { result, ...(await stopAndCheck(temporal, atelier, runDir, opts.say)), runDir };
  } catch (err) {
    await stopAndCheck(temporal, atelier, runDir, opts.say).catch(() => undefined);
    throw err;
  }
}

async function stopAndCheck(
  temporal: TemporalCluster,
  atelier: AtelierOnCluster | undefined,
  runDir: string,
  say: (m: string) => void,
): Promise<{ orphans: Violation[] }> {
  say('stopping Atelier, then Temporal, then PostgreSQL');
  await atelier?.stop();
  await temporal.stop();
  const { grpc, membership, postgres, frontendHttp } = temporal.ports;
  const orphans = await findOrphans({
    pids: [...temporal.started, ...(atelier?.started ?? [])],
    ports: [
      ...Object.values(grpc),
      ...Object.values(membership),
      postgres,
      frontendHttp,
      ...(atelier ? [Number(new URL(atelier.gatewayUrl).port)] : []),
    ],
    runDir,
  });
  for (const o of orphans) say(`left behind: ${o.detail}`);
  return { orphans };
}
