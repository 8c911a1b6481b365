/**
 * The job as clients see it. Pure types and functions shared by the workflow's
 * `statusQuery`, the gateway (which builds the same view from describe/visibility
 * when no worker runs) and other workflows.
 */
export const JOB_PHASES = [
  'queued',
  'decoding',
  'training',
  'publishing',
  'pausing',
  'paused',
  'cancelling',
  'cancelled',
  'failed',
  'succeeded',
] as const;
export type JobPhase = (typeof JOB_PHASES)[number];

export const JOB_STATUSES = ['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const TERMINAL_PHASES: readonly JobPhase[] = ['succeeded', 'failed', 'cancelled'];

export function isTerminalPhase(phase: JobPhase): boolean {
  return TERMINAL_PHASES.includes(phase);
}

/** Coarse status of a phase; `trainingStarted` tells a queued training task from a running one. */
export function statusOfPhase(phase: JobPhase, trainingStarted = true): JobStatus {
  switch (phase) {
    case 'queued':
      return 'queued';
    case 'training':
      return trainingStarted ? 'running' : 'queued';
    case 'paused':
      return 'paused';
    case 'succeeded':
    case 'failed':
    case 'cancelled':
      return phase;
    default:
      return 'running';
  }
}

export interface JobProgress {
  iteration: number;
  total: number;
  loss: number | null;
  percent: number;
}

export function progressOf(iteration: number, total: number, loss: number | null): JobProgress {
  const percent = total > 0 ? Math.min(100, Math.round((iteration / total) * 1000) / 10) : 0;
  return { iteration, total, loss, percent };
}

export interface JobError {
  code: string;
  message: string;
}

export interface JobView {
  id: string;
  tenantId: string;
  styleName: string;
  baseModel: string;
  status: JobStatus;
  phase: JobPhase;
  priority: number;
  progress: JobProgress | null;
  /** Attempt number of the current (or last) training activity. */
  attempt: number;
  /** How many times training was scheduled (1 + resumes after pause or re-prioritisation). */
  trainingRuns: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: JobError | null;
  artifacts: string[];
  params: Record<string, unknown>;
  metadata: Record<string, string>;
}
