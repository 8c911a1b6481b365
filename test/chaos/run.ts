/**
 * `npm run chaos`: the full chaos run (not part of `npm test`; the short version is
 * chaos-short.chaos.test.ts). At least 50 jobs through the gateway while the training
 * worker, the orchestration worker, the gateway and the Temporal dev server are
 * SIGKILLed at seeded random moments. Exit code 0 only with zero violated invariants.
 *
 *   npm run chaos [-- --seed N] [--keep] [--storage fs|s3|multi-host]      (or CHAOS_SEED=N)
 *                     [--jobs 60] [--kills 16] [--window 240]    (load window in seconds)
 *
 * `--storage s3` puts every member on a private SeaweedFS; `multi-host` also gives each
 * member its own empty data dir and adds a second training worker (chaos-storage.ts).
 *
 * Writes test-output/chaos/report.json. A watchdog ends the process at 10 minutes
 * whatever happens; the spawned cluster dies with it (logged-child.ts).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runChaos } from './chaos-run.ts';
import { CHAOS_STORAGE, type ChaosStorageKind } from './chaos-storage.ts';
import { summarize } from './report.ts';

const HARD_LIMIT_MS = 10 * 60_000;

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    keep: { type: 'boolean', default: false },
    storage: { type: 'string', default: 'fs' },
    jobs: { type: 'string', default: '60' },
    kills: { type: 'string', default: '16' },
    window: { type: 'string', default: '240' },
  },
});
const count = (name: 'jobs' | 'kills' | 'window') => {
  const n = Number(values[name]);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive integer, got ${values[name]}`);
  return n;
};
const [jobs, kills, windowS] = [count('jobs'), count('kills'), count('window')];
const storage = values.storage as ChaosStorageKind;
if (!CHAOS_STORAGE.includes(storage))
  throw new Error(`--storage must be one of ${CHAOS_STORAGE.join(', ')}, got ${values.storage}`);
const seed = Number(values.seed ?? process.env.CHAOS_SEED ?? 20261123);
if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);

const watchdog = setTimeout(() => {
  process.stderr.write(`chaos: still running after ${HARD_LIMIT_MS / 60_000} minutes; giving up\n`);
  process.exit(2);
}, HARD_LIMIT_MS);
watchdog.unref();

const say = (m: string) => process.stderr.write(`[chaos +${process.uptime().toFixed(0)}s] ${m}\n`);
let stopRequested = false;
process.on('SIGINT', () => {
  // First Ctrl-C: the 'exit' hook SIGKILLs the cluster; a clean stop would need the run to cooperate.
  if (stopRequested) return;
  stopRequested = true;
  say('interrupted; killing the cluster');
  process.exit(130);
});

const report = await runChaos({
  seed,
  jobs,
  loadWindowMs: windowS * 1000,
  kills,
  // The load window may run out before the last kills (each waits for its member to recover).
  minKills: Math.ceil(kills * 0.6),
  killGapMs: [4_000, 12_000],
  downMs: [500, 3_000],
  cancelShare: 0.08,
  submitBudgetMs: 120_000,
  maxDurationMs: 9 * 60_000 + 30_000,
  reportFile: path.resolve('test-output/chaos/report.json'),
  keepRunDir: values.keep ?? false,
  storage,
  say,
});
process.stdout.write(summarize(report) + '\n');
process.stdout.write(
  `report: ${path.resolve('test-output/chaos/report.json')}${report.runDir ? `; logs and data kept in ${report.runDir}` : ''}\n`,
);
process.exit(report.ok ? 0 : 1);
