/**
 * `npm run chaos:cluster`: the chaos suite against the real Temporal cluster (see
 * cluster-session.ts). Jobs arrive through the gateway while seeded SIGKILLs hit the
 * Temporal history, matching and frontend services, the gateway, the orchestration
 * worker and the training worker, each started again on the same ports and data.
 * The suite's own invariant checker then proves no job was lost, each acknowledged
 * job ended as requested, and deterministic LUTs are byte-identical to a clean run.
 * Opt-in, not part of `npm test`. Exit code 0 only with zero violations.
 *
 *   npm run chaos:cluster [-- --seed N] [--keep]
 *
 * Writes test-output/chaos-cluster/report.json and bench/results/cluster-chaos.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLUSTER_ENV } from '../chaos-run.ts';
import { type Violation } from '../check-jobs.ts';
import { planJobs } from '../job-specs.ts';
import { planKills } from '../kill-schedule.ts';
import { createRng } from '../prng.ts';
import { referenceCubeSha256 } from '../../harness/reference-trainer.ts';
import { loadAverage } from '../../../bench/machine.ts';
import { runClusterChaos } from './chaos-cluster-run.ts';
import { writeClusterChaosReport } from './chaos-cluster-report.ts';
import { withClusterSession } from '../../harness/cluster-tier/cluster-session.ts';

const HARD_LIMIT_MS = 30 * 60_000;
setTimeout(
  () => (process.stderr.write('chaos:cluster: over 30 minutes; giving up\n'), process.exit(2)),
  HARD_LIMIT_MS,
).unref();

const { values } = parseArgs({
  options: { seed: { type: 'string' }, keep: { type: 'boolean', default: false } },
});
const seed = Number(values.seed ?? process.env.CHAOS_SEED ?? 20261202);
if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);

const started = Date.now();
const say = (m: string) =>
  process.stderr.write(`[chaos:cluster +${((Date.now() - started) / 1000).toFixed(0)}s] ${m}\n`);
const loadStart = loadAverage();
const options = { jobs: 40, loadWindowMs: 180_000, kills: 12, minKills: 8, cancelShare: 0.08 };

const rng = createRng(seed);
const plan = await planJobs(rng, { runSeed: seed, ...options });
// Three Temporal kills in every bag of six: each of history, matching and frontend dies twice.
const killPlan = planKills(rng, {
  count: options.kills,
  gapMs: [4_000, 10_000],
  downMs: [500, 3_000],
  components: ['temporal', 'temporal', 'temporal', 'gateway', 'orchestration', 'training'],
});
const temporalOrder = [
  ...rng.shuffle(['history', 'matching', 'frontend'] as const),
  ...rng.shuffle(['history', 'matching', 'frontend'] as const),
];
say(`computing ${plan.references.size} clean-run references in-process`);
const referenceSha256 = new Map<string, string>();
for (const [id, input] of plan.references) referenceSha256.set(id, await referenceCubeSha256(input));

const violations: Violation[] = [];
const session = await withClusterSession({
  prefix: 'atelier-cluster-chaos-',
  env: { ...CLUSTER_ENV },
  keepRunDir: values.keep,
  say,
  fn: (s) =>
    runClusterChaos(s, {
      specs: plan.specs,
      killPlan,
      temporalOrder,
      referenceSha256,
      loadWindowMs: options.loadWindowMs,
      submitBudgetMs: 120_000,
      pollDeadline: started + 20 * 60_000,
      say,
    }),
}).catch((err: Error) => {
  violations.push({ invariant: 'run-completes', detail: err.stack ?? String(err) });
  return undefined;
});
violations.push(...(session?.result.violations ?? []), ...(session?.orphans ?? []));
if (session && session.result.kills.length < options.minKills)
  violations.push({
    invariant: 'kills-executed',
    detail: `only ${session.result.kills.length} of at least ${options.minKills} kills happened`,
  });

const ok = violations.length === 0;
const summary = await writeClusterChaosReport({
  ok,
  seed,
  startedAt: new Date(started).toISOString(),
  durationS: (Date.now() - started) / 1000,
  loadAverage: { start: loadStart, end: loadAverage() },
  options,
  outcome: session?.result,
  violations,
  runDir: values.keep ? (session?.runDir ?? null) : null,
  reportFile: path.resolve('test-output/chaos-cluster/report.json'),
  markdownFile: path.resolve('bench/results/cluster-chaos.md'),
});
process.stdout.write(summary + '\n');
process.exit(ok ? 0 : 1);
