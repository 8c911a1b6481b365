/**
 * `npm run bench:cluster`: Atelier on a real Temporal cluster (PostgreSQL 15, four
 * Temporal services, built from source once; see cluster-session.ts) with 1, 2 and
 * 4 training workers; writes bench/results/cluster.{json,md}. Opt-in, not part of
 * `npm test`. Loopback only; a watchdog ends it at 40 minutes (the first run on a
 * machine also builds the server, ≈8 CPU-minutes).
 *
 *   npm run bench:cluster [-- --workers 1,2,4] [--window 40]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { loadAverage, machineFacts } from '../machine.ts';
import { markdown, writeResults } from '../results.ts';
import { clusterStep, type ClusterStep } from './cluster-bench-steps.ts';
import { clusterMarkdown, clusterRows } from './cluster-figures.ts';
import { withClusterSession } from '../../test/harness/cluster-tier/cluster-session.ts';
import { TEMPORAL_SERVER_VERSION } from '../../test/harness/cluster-tier/temporal-server-build.ts';

const HARD_LIMIT_MS = 40 * 60_000;
setTimeout(
  () => (process.stderr.write('bench:cluster: over 40 minutes; giving up\n'), process.exit(2)),
  HARD_LIMIT_MS,
).unref();

const { values } = parseArgs({ options: { workers: { type: 'string' }, window: { type: 'string' } } });
const workerCounts = (values.workers ?? '1,2,4').split(',').map(Number);
const windowS = Number(values.window ?? 40);
if (!workerCounts.every((n) => Number.isInteger(n) && n >= 1 && n <= 8) || !(windowS >= 5 && windowS <= 600))
  throw new Error('--workers takes integers 1..8 (e.g. 1,2,4); --window seconds 5..600');

const started = Date.now();
const say = (m: string) =>
  process.stderr.write(`[bench:cluster +${((Date.now() - started) / 1000).toFixed(0)}s] ${m}\n`);
const loadStart = loadAverage();
const steps: ClusterStep[] = [];
const errors: Record<string, string> = {};

const { orphans } = await withClusterSession({
  prefix: 'atelier-cluster-bench-',
  env: { TRAINING_SLOTS: '1' },
  say,
  async fn(s) {
    const connection = await Connection.connect({ address: s.temporal.address });
    try {
      const client = new Client({ connection });
      for (const n of workerCounts) {
        say(`${n} training worker(s)`);
        try {
          steps.push(await clusterStep(s, client, n, { warmupMs: 5_000, windowMs: windowS * 1000 }));
          const last = steps.at(-1)!;
          say(
            `  ${last.sustained.jobsPerS.toFixed(2)} jobs/s, submit p50 ${last.submit.latencyMs.p50.toFixed(0)} ms`,
          );
        } catch (err) {
          errors[`${n}w`] = (err as Error).stack ?? String(err);
          say(`  failed: ${(err as Error).message}`);
        }
      }
    } finally {
      await connection.close();
    }
  },
});

const rows = clusterRows(steps);
const results = {
  generatedAt: new Date(started).toISOString(),
  durationS: (Date.now() - started) / 1000,
  command: 'npm run bench:cluster',
  machine: await machineFacts(
    `Temporal server ${TEMPORAL_SERVER_VERSION} (built from source), PostgreSQL 15`,
  ),
  loadAverage: { start: loadStart, end: loadAverage() },
  config: {
    layout:
      'PostgreSQL 15 + Temporal frontend, history, matching, worker (4 processes, 4 history shards) + gateway + orchestration worker + N training workers, one process each, loopback',
    atelierConfig: 'defaults: TRAINING_SLOTS=1 per training worker, prebuilt workflow bundle',
    windowS,
  },
  metrics: Object.fromEntries(rows.map((r) => [r.name, r.value])),
  rows,
  details: { steps, errors, orphans },
  appendix: [clusterMarkdown(steps)],
};
await writeResults(results, path.resolve('bench/results'), 'cluster');
process.stdout.write(markdown(results));
if (orphans.length)
  process.stderr.write(`bench:cluster: left behind ${orphans.map((o) => o.detail).join('; ')}\n`);
process.exit(Object.keys(errors).length || orphans.length ? 1 : 0);
