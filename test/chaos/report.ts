/** The chaos run's JSON report and its printed summary. */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Violation } from './check-jobs.ts';
import { type UnexpectedExit } from '../harness/cluster.ts';
import { isTraining, MULTI_HOST_COMPONENTS } from '../harness/components.ts';
import { type KillRecord } from './monkey.ts';
import { type TrainingStats } from './training-stats.ts';

export interface ChaosReport {
  ok: boolean;
  seed: number;
  startedAt: string;
  durationS: number;
  machine: {
    cores: number;
    cpu: string;
    node: string;
    temporalCli: string;
    loadAvgStart: number[];
    loadAvgEnd: number[];
  };
  config: Record<string, unknown>;
  jobs: Record<string, number>;
  client: { requests: number; failedAttempts: Record<string, number> };
  kills: KillRecord[];
  recovery: Record<
    string,
    { kills: number; servingMs: Stat; firstProgressMs: Stat; interruptedJobResumedMs?: Stat }
  >;
  unexpectedExits: UnexpectedExit[];
  /** Incarnations that died before serving and were started again (e.g. a port taken meanwhile). */
  startFailures: UnexpectedExit[];
  training: TrainingStats | null;
  strayTempFiles: number;
  violations: Violation[];
  runDir: string | null;
}

export interface Stat {
  n: number;
  p50: number | null;
  max: number | null;
}

export function stat(values: (number | null | undefined)[]): Stat {
  const xs = values.filter((x): x is number => typeof x === 'number').sort((a, b) => a - b);
  return {
    n: xs.length,
    p50: xs.length ? xs[Math.floor((xs.length - 1) / 2)] : null,
    max: xs.length ? xs[xs.length - 1] : null,
  };
}

export function recoveryByComponent(kills: KillRecord[]): ChaosReport['recovery'] {
  const out: ChaosReport['recovery'] = {};
  for (const c of MULTI_HOST_COMPONENTS) {
    const ks = kills.filter((k) => k.component === c);
    if (!ks.length) continue;
    out[c] = {
      kills: ks.length,
      servingMs: stat(ks.map((k) => k.servingAfterMs)),
      firstProgressMs: stat(ks.map((k) => k.firstProgressAfterMs)),
    };
    if (isTraining(c)) out[c].interruptedJobResumedMs = stat(ks.map((k) => k.interruptedJob?.resumedAfterMs));
  }
  return out;
}

export function machineFacts(temporalCli: string, loadAvgStart: number[]): ChaosReport['machine'] {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    temporalCli,
    loadAvgStart,
    loadAvgEnd: os.loadavg(),
  };
}

export async function writeReport(report: ChaosReport, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(report, null, 2) + '\n');
}

const s = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);

export function summarize(r: ChaosReport): string {
  const lines = [
    `chaos run seed ${r.seed} (${String(r.config.storage ?? 'fs')} storage): ${r.ok ? 'PASSED' : 'FAILED'} in ${r.durationS.toFixed(0)} s (${r.machine.cores} cores, load ${r.machine.loadAvgStart[0].toFixed(1)} → ${r.machine.loadAvgEnd[0].toFixed(1)})`,
    `jobs: ${Object.entries(r.jobs)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `client: ${r.client.requests} requests, failed attempts ${JSON.stringify(r.client.failedAttempts)}`,
    `kills: ${r.kills.length}`,
    ...r.kills.map(
      (k) =>
        `  #${k.n} ${k.component.padEnd(13)} at +${(k.killedAtMs / 1000).toFixed(1)} s: serving ${s(k.servingAfterMs)}, progress ${s(k.firstProgressAfterMs)}` +
        (k.interruptedJob ? `, interrupted job resumed ${s(k.interruptedJob.resumedAfterMs)}` : '') +
        (k.note ? ` (${k.note})` : ''),
    ),
    'recovery (p50 / max): ' +
      Object.entries(r.recovery)
        .map(
          ([c, x]) =>
            `${c} serving ${s(x.servingMs.p50)}/${s(x.servingMs.max)} progress ${s(x.firstProgressMs.p50)}/${s(x.firstProgressMs.max)}`,
        )
        .join('; '),
    r.training
      ? `training: ${r.training.jobsWithRetries} jobs retried an activity, extra attempts ${JSON.stringify(r.training.extraAttempts)}, ${r.training.resumedFromCheckpoint} resumed from a checkpoint`
      : '',
    r.startFailures.length
      ? `start failures (retried): ${r.startFailures.map((e) => `${e.component} pid ${e.pid} code ${e.code}`).join(', ')}`
      : '',
    r.unexpectedExits.length
      ? `unexpected exits: ${r.unexpectedExits.map((e) => `${e.component} pid ${e.pid} code ${e.code}`).join(', ')}`
      : 'unexpected exits: none',
    `violations: ${r.violations.length}`,
    ...r.violations.slice(0, 30).map((v) => `  [${v.invariant}] ${v.jobId ?? ''} ${v.detail}`),
  ];
  return lines.filter(Boolean).join('\n');
}
