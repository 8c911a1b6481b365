/** The cluster chaos run's JSON report, its markdown (bench/results/cluster-chaos.md) and printed summary. */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Violation } from '../check-jobs.ts';
import { type ClusterChaosOutcome } from './chaos-cluster-run.ts';
import { TEMPORAL_SERVER_VERSION } from '../../harness/cluster-tier/temporal-server-build.ts';

export interface ClusterChaosReport {
  ok: boolean;
  seed: number;
  startedAt: string;
  durationS: number;
  loadAverage: { start: number[]; end: number[] };
  options: Record<string, number>;
  outcome?: ClusterChaosOutcome;
  violations: Violation[];
  runDir: string | null;
}

const s = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`;

export function clusterChaosMarkdown(r: ClusterChaosReport): string {
  const o = r.outcome;
  return [
    `Chaos on the cluster (\`npm run chaos:cluster\`, seed ${r.seed}): **${r.ok ? 'PASSED' : 'FAILED'}**, ${r.violations.length} violations, ${r.durationS.toFixed(0)} s, ${r.startedAt}.`,
    `${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'CPU'}, Node ${process.version}, Temporal server ${TEMPORAL_SERVER_VERSION} (frontend, history, matching, worker as four processes) on PostgreSQL 15. Load average ${r.loadAverage.start.join(' / ')} at the start, ${r.loadAverage.end.join(' / ')} at the end (shared machine).`,
    '',
    `Jobs: ${Object.entries(o?.jobs ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}. Client requests ${o?.client.requests ?? 0}, failed attempts ${JSON.stringify(o?.client.failedAttempts ?? {})}.`,
    '',
    '| member killed (SIGKILL, restarted on the same ports) | kills | serving again p50 / max | first progress needing it p50 / max | interrupted training continued p50 / max |',
    '|---|---:|---|---|---|',
    ...Object.entries(o?.recovery ?? {}).map(
      ([target, x]) =>
        `| ${target} | ${x.kills} | ${s(x.servingMs.p50)} / ${s(x.servingMs.max)} | ${s(x.firstProgressMs.p50)} / ${s(x.firstProgressMs.max)} | ${x.interruptedJobResumedMs.n ? `${s(x.interruptedJobResumedMs.p50)} / ${s(x.interruptedJobResumedMs.max)}` : '—'} |`,
    ),
    '',
    'Kills in order:',
    '',
    ...(o?.kills ?? []).map(
      (k) =>
        `- #${k.n} ${k.target} at +${(k.killedAtMs / 1000).toFixed(1)} s (down ${k.downMs} ms): serving ${s(k.servingAfterMs)}, progress ${s(k.firstProgressAfterMs)}` +
        (k.interruptedJob ? `, interrupted job continued ${s(k.interruptedJob.resumedAfterMs)}` : '') +
        (k.note ? ` (${k.note})` : ''),
    ),
    '',
    ...(r.violations.length
      ? [
          'Violations:',
          '',
          ...r.violations
            .slice(0, 30)
            .map((v) => `- [${v.invariant}] ${v.jobId ?? ''} ${v.detail.slice(0, 400)}`),
          '',
        ]
      : []),
  ].join('\n');
}

export async function writeClusterChaosReport(
  r: ClusterChaosReport & { reportFile: string; markdownFile: string },
): Promise<string> {
  const { reportFile, markdownFile, ...report } = r;
  await mkdir(path.dirname(reportFile), { recursive: true });
  await writeFile(reportFile, JSON.stringify(report, null, 2) + '\n');
  const md = clusterChaosMarkdown(report);
  await writeFile(markdownFile, md);
  return md;
}
