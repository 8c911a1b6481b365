/**
 * The system under benchmark: the same process layout as production and the chaos run
 * (Temporal CLI dev server on a SQLite file, gateway, orchestration worker, training
 * worker, each its own `node bin/atelier.mjs …` process, default configuration),
 * on the cluster harness the chaos run uses (test/harness/). Every atelier process preloads the
 * event-loop probe (probes/event-loop-probe.mjs), which stays inert until signalled.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { createCluster, type Cluster } from '../test/harness/cluster.ts';
import { type Component, dataDirOf } from '../test/harness/components.ts';
import { prepareRun } from '../test/harness/prepare-run.ts';

const PROBE = pathToFileURL(path.resolve(import.meta.dirname, 'probes/event-loop-probe.mjs')).href;

export interface ProbeReading {
  pid: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
  rss: number;
}

export interface BenchStack {
  cluster: Cluster;
  client: Client;
  dataDir: string;
  runDir: string;
  temporalCliVersion: string;
  /** Restarts the gateway so that new jobs go to the orchestration queue + `suffix`. */
  gatewayOnQueueSuffix(suffix: string): Promise<void>;
  /** Ends the probe's current interval in a member and returns its reading. */
  probe(component: Component): Promise<ProbeReading>;
  stop(): Promise<void>;
}

export async function startStack(
  say: (m: string) => void,
  members: Component[],
  env: Record<string, string> = {},
): Promise<BenchStack> {
  const prepared = await prepareRun(
    { NODE_OPTIONS: `--import=${PROBE}`, ...env },
    say,
    undefined,
    'atelier-bench-',
  );
  const probeFile = path.join(prepared.runDir, 'probe.jsonl');
  prepared.layout.env.ATELIER_BENCH_PROBE_FILE = probeFile;
  const cluster = createCluster(prepared.layout, say);
  await cluster.startAll(120_000, members);
  const connection = await Connection.connect({ address: cluster.address });
  return {
    cluster,
    client: new Client({ connection }),
    dataDir: dataDirOf(prepared.layout),
    runDir: prepared.runDir,
    temporalCliVersion: prepared.temporalCliVersion,
    async gatewayOnQueueSuffix(suffix) {
      prepared.layout.env.ATELIER_TASK_QUEUE_SUFFIX = suffix;
      if (cluster.pidOf('gateway')) await cluster.kill('gateway');
      cluster.start('gateway');
      await cluster.waitServing('gateway', 60_000);
    },
    async probe(component) {
      const pid = cluster.pidOf(component);
      if (!pid) throw new Error(`${component} is not running`);
      const readings = async () =>
        (await readFile(probeFile, 'utf8').catch(() => ''))
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as ProbeReading)
          .filter((r) => r.pid === pid);
      const before = (await readings()).length;
      process.kill(pid, 'SIGUSR2');
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        const now = await readings();
        if (now.length > before) return now[now.length - 1];
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no probe reading from ${component} (pid ${pid})`);
    },
    async stop() {
      await connection.close();
      await cluster.stop();
      await rm(prepared.runDir, { recursive: true, force: true });
    },
  };
}

/** Resident set size of a process (its threads included), in MB. */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}
