/**
 * The cluster tier's figures as result rows and the markdown of
 * bench/results/cluster.md: how jobs/s and submit latency move with the number of
 * training workers, where the CPU of a job goes by tier, and what that predicts
 * for more hosts (each tier's CPU per job sets how many jobs/s one host of this
 * kind can carry for it).
 */
import os from 'node:os';
import { type MetricRow } from '../results.ts';
import { type ClusterStep } from './cluster-bench-steps.ts';

const r2 = (v: number) => (Number.isFinite(v) ? Math.round(v * 100) / 100 : null);
const f = (v: number) =>
  !Number.isFinite(v) ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);

export function clusterRows(steps: ClusterStep[]): MetricRow[] {
  return steps.flatMap((s) => {
    const n = s.trainingWorkers;
    const w = `${n} training worker${n > 1 ? 's' : ''} (1 slot each)`;
    return [
      {
        name: `cluster_jobs_per_s_${n}w`,
        value: r2(s.sustained.jobsPerS),
        unit: 'jobs/s',
        how: `1-iteration jobs, 20 closed-loop clients via the gateway, ${w}`,
      },
      {
        name: `cluster_job_end_to_end_p50_ms_${n}w`,
        value: r2(s.sustained.endToEndMs.p50),
        unit: 'ms',
        how: 'submit → result, same jobs',
      },
      {
        name: `cluster_submit_p50_ms_${n}w`,
        value: r2(s.submit.latencyMs.p50),
        unit: 'ms',
        how: `POST /v1/trainings at concurrency 20 to an unpolled queue, ${w} idle`,
      },
      {
        name: `cluster_submit_p99_ms_${n}w`,
        value: r2(s.submit.latencyMs.p99),
        unit: 'ms',
        how: 'same requests',
      },
      {
        name: `cluster_cpu_ms_per_job_${n}w`,
        value: r2(s.sustained.cpuMsPerJob),
        unit: 'ms',
        how: 'all processes: PostgreSQL, 4 Temporal services, gateway, workers, bench client',
      },
    ];
  });
}

export function clusterMarkdown(steps: ClusterStep[]): string {
  const cores = os.cpus().length;
  const one = steps[0];
  const tiers = one?.cpuMsPerJobByTier ?? {};
  const capacity = (ms: number | undefined) => (ms ? (cores * 1000) / ms : NaN);
  return [
    '### Scaling with training workers',
    '',
    '| training workers | jobs/s | job end-to-end p50 (ms) | submit p50 / p99 (ms) | CPU per job (ms) | of which Temporal + PostgreSQL | gateway + orchestration | training | bench client |',
    '|---:|---:|---:|---|---:|---:|---:|---:|---:|',
    ...steps.map((s) => {
      const t = s.cpuMsPerJobByTier;
      return `| ${s.trainingWorkers} | ${f(s.sustained.jobsPerS)} | ${f(s.sustained.endToEndMs.p50)} | ${f(s.submit.latencyMs.p50)} / ${f(s.submit.latencyMs.p99)} | ${f(s.sustained.cpuMsPerJob)} | ${f(t.temporal)} | ${f(t.atelier)} | ${f(t.training)} | ${f(t.bench)} |`;
    }),
    '',
    `Every process shares the same ${cores} cores, so more training workers here only add contention: the run is CPU-bound long before 4 workers. What the figures predict for more hosts is what each tier costs per job (1 worker, above): one ${cores}-core host given to a tier alone would carry about`,
    '',
    `- Temporal (4 services) + PostgreSQL: ${f(capacity(tiers.temporal))} jobs/s`,
    `- gateway + orchestration worker: ${f(capacity(tiers.atelier))} jobs/s`,
    `- training workers: ${f(capacity(tiers.training))} jobs/s`,
    '',
    'so jobs/s grows with training hosts until the smallest of these, then needs more Temporal (history) and orchestration hosts.',
    '',
  ].join('\n');
}
