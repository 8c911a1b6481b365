/**
 * The peer figures as result rows (latest.json's metrics) and as the comparison
 * table of latest.md: "figure | Atelier | bare Temporal | BullMQ+Redis | ratio",
 * the ratio being Atelier ÷ each peer from the same run.
 */
import { type RecoveryResult } from '../recovery.ts';
import { type MetricRow } from '../results.ts';
import { type PeersResult } from './peers-bench.ts';

type Figure = number | null;

const num = (v: unknown): Figure =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) / 100 : null;
const fmt = (v: Figure) =>
  v === null ? '—' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
const ratio = (a: Figure, b: Figure) => (a === null || b === null || b === 0 ? null : a / b);

interface Line {
  figure: string;
  key: string;
  unit: string;
  atelier: Figure;
  floor: Figure;
  bullmq: Figure;
  floorNote?: string;
  bullmqNote?: string;
}

function lines(p: PeersResult | undefined, recovery: RecoveryResult | undefined): Line[] {
  const a = p?.atelier;
  const f = p?.floor;
  const b = p?.bullmq;
  return [
    {
      figure: 'submit p50, concurrency 20',
      key: 'submit_p50_ms',
      unit: 'ms',
      atelier: num(a?.submit.latencyMs.p50),
      floor: num(f?.submit.latencyMs.p50),
      bullmq: num(b?.submit.latencyMs.p50),
      floorNote: 'SDK start of a no-op workflow',
      bullmqNote: 'queue.add',
    },
    {
      figure: 'submit p99, concurrency 20',
      key: 'submit_p99_ms',
      unit: 'ms',
      atelier: num(a?.submit.latencyMs.p99),
      floor: num(f?.submit.latencyMs.p99),
      bullmq: num(b?.submit.latencyMs.p99),
    },
    {
      figure: 'CPU per submission, all processes',
      key: 'cpu_ms_per_submission',
      unit: 'ms',
      atelier: num(a?.submit.cpuMsPerSubmission),
      floor: num(f?.submit.cpuMsPerSubmission),
      bullmq: num(b?.submit.cpuMsPerSubmission),
    },
    {
      figure: 'sustained 1-iteration jobs/s, one slot',
      key: 'jobs_per_s',
      unit: 'jobs/s',
      atelier: num(a?.sustained.jobsPerS),
      floor: num(f?.sustained.jobsPerS),
      bullmq: num(b?.sustained.jobsPerS),
      floorNote: '3 no-op activities',
    },
    {
      figure: 'CPU per job, all processes',
      key: 'cpu_ms_per_job',
      unit: 'ms',
      atelier: num(a?.sustained.cpuMsPerJob),
      floor: num(f?.sustained.cpuMsPerJob),
      bullmq: num(b?.sustained.cpuMsPerJob),
    },
    {
      // Both restart the only worker at once; Atelier with a spare worker is its own row.
      figure: 'the only worker SIGKILLed mid-job, restarted at once → running again',
      key: 'recovery_restart_only_s',
      unit: 's',
      atelier: num(recovery?.restartOnly.runningAgainAfterS),
      floor: null,
      bullmq: num(b?.recovery.runningAgainAfterS),
    },
    {
      figure: 'iterations done again after that kill',
      key: 'iterations_redone_after_kill',
      unit: 'iterations',
      atelier: num(recovery?.restartOnly.iterationsRedone),
      floor: null,
      bullmq: num(b?.recovery.iterationsRedone),
      bullmqNote: 'no checkpoints: from iteration 0',
    },
  ];
}

export function peerRows(p: PeersResult | undefined, recovery: RecoveryResult | undefined): MetricRow[] {
  const how = 'same run, same harness (bench/peers/measure.ts), 20 clients';
  const rows: MetricRow[] = [];
  for (const l of lines(p, recovery)) {
    if (l.key.startsWith('recovery') || l.key.startsWith('iterations')) {
      rows.push({
        name: `bullmq_${l.key}`,
        value: l.bullmq,
        unit: l.unit,
        how: `BullMQ + Redis: ${l.figure}`,
      });
      continue;
    }
    rows.push({
      name: `peers_atelier_${l.key}`,
      value: l.atelier,
      unit: l.unit,
      how: `Atelier: ${l.figure}, ${how}`,
    });
    rows.push({
      name: `floor_temporal_${l.key}`,
      value: l.floor,
      unit: l.unit,
      how: `bare Temporal (${l.floorNote ?? 'no-op workflow'}): ${l.figure}`,
    });
    rows.push({ name: `bullmq_${l.key}`, value: l.bullmq, unit: l.unit, how: `BullMQ + Redis: ${l.figure}` });
  }
  const a = p?.atelier;
  const f = p?.floor;
  rows.push(
    {
      name: 'ratio_jobs_per_s_to_floor',
      value: num(ratio(num(a?.sustained.jobsPerS), num(f?.sustained.jobsPerS))),
      unit: '×',
      how: 'Atelier jobs/s ÷ bare 3-activity Temporal jobs/s (target ≥ 0.8)',
    },
    {
      name: 'ratio_submit_p50_to_bare_start',
      value: num(ratio(num(a?.submit.latencyMs.p50), num(f?.submit.latencyMs.p50))),
      unit: '×',
      how: 'Atelier submit p50 ÷ bare SDK start p50 (target ≤ 1.3)',
    },
    {
      name: 'ratio_submit_p99_to_bare_start_p50',
      value: num(ratio(num(a?.submit.latencyMs.p99), num(f?.submit.latencyMs.p50))),
      unit: '×',
      how: 'Atelier submit p99 ÷ bare SDK start p50 (target ≤ 2)',
    },
  );
  return rows;
}

export function peerTable(p: PeersResult | undefined, recovery: RecoveryResult | undefined): string {
  const cell = (v: Figure, note?: string) => (v === null ? '—' : note ? `${fmt(v)} (${note})` : fmt(v));
  // A count of iterations redone (often 0 for Atelier) has no meaningful ratio.
  const ratios = (l: Line) =>
    l.unit === 'iterations'
      ? '—'
      : [
          ratio(l.atelier, l.floor) !== null ? `${fmt(ratio(l.atelier, l.floor))}× bare` : '',
          ratio(l.atelier, l.bullmq) !== null ? `${fmt(ratio(l.atelier, l.bullmq))}× BullMQ` : '',
        ]
          .filter(Boolean)
          .join(', ') || '—';
  const w = p?.windows;
  return [
    '### Atelier beside its floor and a peer (same run)',
    '',
    `Same machine, same moment, same harness: 20 closed-loop clients, jobs counted in a ${(w?.windowMs ?? 0) / 1000} s window after ${(w?.warmupMs ?? 0) / 1000} s of warm-up; CPU is user + system time of every process involved (server, workers, gateway, Redis, the bench client) from /proc. Ratio = Atelier ÷ peer (for jobs/s higher is better, for everything else lower is better). Atelier's recovery row is \`recovery_restart_only_s\` above (measured as BullMQ's is); with a spare worker idle it is \`recovery_after_kill_s\`.`,
    '',
    '| figure | Atelier | bare Temporal | BullMQ+Redis | ratio |',
    '|---|---:|---:|---:|---|',
    ...lines(p, recovery).map(
      (l) =>
        `| ${l.figure} (${l.unit}) | ${cell(l.atelier)} | ${cell(l.floor, l.floorNote)} | ${cell(l.bullmq, l.bullmqNote)} | ${ratios(l)} |`,
    ),
    '',
    ...cpuBreakdown(p),
  ].join('\n');
}

/** Where each system's CPU per sustained job goes, process by process (same window as above). */
function cpuBreakdown(p: PeersResult | undefined): string[] {
  const systems = [
    ['Atelier', p?.atelier?.sustained],
    ['bare Temporal', p?.floor?.sustained],
    ['BullMQ+Redis', p?.bullmq?.sustained],
  ] as const;
  const rows = systems.flatMap(([name, s]) =>
    s && s.completedInWindow > 0
      ? [
          `| ${name} | ${Object.entries(s.cpuMsByProcess)
            .sort(([, a], [, b]) => b - a)
            .map(([proc, ms]) => `${proc} ${fmt(ms / s.completedInWindow)}`)
            .join(', ')} | ${fmt(s.cpuMsPerJob)} |`,
        ]
      : [],
  );
  if (!rows.length) return [];
  return [
    'CPU per sustained job by process (ms; `temporal` is the dev server, `bench` the load generator):',
    '',
    '| system | by process | total |',
    '|---|---|---:|',
    ...rows,
    '',
  ];
}
