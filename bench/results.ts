/** Writes bench/results/latest.json and latest.md (the table that goes into the README). */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type MachineFacts } from './machine.ts';

export interface MetricRow {
  name: string;
  value: number | null;
  unit: string;
  how: string;
}

export interface BenchResults {
  generatedAt: string;
  durationS: number;
  command: string;
  machine: MachineFacts;
  loadAverage: { start: number[]; end: number[] };
  config: Record<string, unknown>;
  metrics: Record<string, number | null>;
  rows: MetricRow[];
  details: Record<string, unknown>;
  /** Further markdown sections after the metric table (the peer comparison). */
  appendix?: string[];
}

const fmt = (v: number | null) =>
  v === null ? 'n/a' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);

export function markdown(r: BenchResults): string {
  const m = r.machine;
  return [
    `Measured ${r.generatedAt} with \`${r.command}\` in ${r.durationS.toFixed(0)} s on ${m.cores} × ${m.cpuModel}, ${m.totalMemoryGb} GB, ${m.os};`,
    `Node ${m.node}; ${m.temporalCli}. Load average (1/5/15 min) ${r.loadAverage.start.join(' / ')} at the start, ${r.loadAverage.end.join(' / ')} at the end (shared machine).`,
    '',
    '| metric | value | unit | how |',
    '|---|---:|---|---|',
    ...r.rows.map((row) => `| \`${row.name}\` | ${fmt(row.value)} | ${row.unit} | ${row.how} |`),
    '',
    ...(r.appendix ?? []),
  ].join('\n');
}

/** `name`: latest for a full run; a partial run (`--only`) writes under its own name. */
export async function writeResults(r: BenchResults, dir: string, name = 'latest'): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${name}.json`), JSON.stringify(r, null, 2) + '\n');
  await writeFile(path.join(dir, `${name}.md`), markdown(r));
}
