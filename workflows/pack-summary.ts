/**
 * A pack's overall status and percentage from its styles' statuses: one rule shared by
 * the pack workflow's query and the API (which builds it from the children's job views
 * when no worker runs). Pure and sandbox-safe.
 */
import type { JobStatus } from './job-view.ts';
import type { PackView } from './pack-messages.ts';

const FINISHED: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

export interface PackStyleProgress {
  status: JobStatus;
  percent: number | null;
}

/**
 * `total` counts styles not started yet too; `closed` says the pack workflow has ended
 * (then missing styles count as unfinished failures rather than "still running").
 */
export function summarizePack(
  styles: PackStyleProgress[],
  total: number,
  paused: boolean,
  closed = false,
): Pick<PackView, 'status' | 'percent'> {
  const done = styles.filter((s) => FINISHED.includes(s.status));
  const sum = styles.reduce((acc, s) => acc + (FINISHED.includes(s.status) ? 100 : (s.percent ?? 0)), 0);
  const percent = total ? Math.round((sum / total) * 10) / 10 : 0;
  if (done.length < total && !closed) return { status: paused ? 'paused' : 'running', percent };
  const ok = done.filter((s) => s.status === 'succeeded').length;
  if (ok === total) return { status: 'succeeded', percent };
  if (ok > 0) return { status: 'partially_failed', percent };
  return {
    status: done.length > 0 && done.every((s) => s.status === 'cancelled') ? 'cancelled' : 'failed',
    percent,
  };
}
