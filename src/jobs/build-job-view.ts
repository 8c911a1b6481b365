/**
 * Pure: the API job from the facts Temporal and storage hold. No query to the
 * workflow is needed, so this answers while every worker is down.
 */
import {
  progressOf,
  statusOfPhase,
  type JobError,
  type JobPhase,
  type JobProgress,
  type JobStatus,
} from '../../workflows/job-view.ts';
import { type ArtifactInfo } from '../storage/types.ts';
import { type ApiJob, type ProgressSample, type QueuePlace } from './api-job.ts';
import { type JobFacts } from './describe-job.ts';
import { isRetrying, lastErrorOf } from './retry-view.ts';

export interface JobExtras {
  error: JobError | null;
  artifacts: ArtifactInfo[];
  /** The job's latest checkpoint: progress when no heartbeat is pending (paused, published, …). */
  lastCheckpoint: { iteration: number; loss: number | null } | null;
  queue: QueuePlace | null;
  now: Date;
}

/** Still open, but its cancellation is asked for or under way: a stopped job to the old API. */
export function isBeingStopped(f: JobFacts): boolean {
  return f.executionStatus === 'RUNNING' && (f.cancelRequested || statusAndPhaseOf(f).phase === 'cancelling');
}

export function statusAndPhaseOf(f: JobFacts): { status: JobStatus; phase: JobPhase } {
  switch (f.executionStatus) {
    case 'COMPLETED':
      return { status: 'succeeded', phase: 'succeeded' };
    case 'FAILED':
    case 'TERMINATED':
    case 'TIMED_OUT':
      return { status: 'failed', phase: 'failed' };
    case 'CANCELLED':
      return { status: 'cancelled', phase: 'cancelled' };
    default: {
      const phase = f.phase ?? 'queued';
      // A training task that no worker has picked up yet is still queued.
      const started = f.training?.state === 'started' || f.training?.state === 'cancel_requested';
      return { status: statusOfPhase(phase, started), phase };
    }
  }
}

function progressFrom(
  f: JobFacts,
  extras: Pick<JobExtras, 'lastCheckpoint'>,
  status: JobStatus,
): JobProgress | null {
  const hb = f.training?.heartbeat;
  const total = hb?.total || f.memo.total;
  const cp = extras.lastCheckpoint;
  const progress = hb
    ? progressOf(hb.iteration, total, hb.loss)
    : cp
      ? progressOf(cp.iteration, total, cp.loss)
      : null;
  // Early stopping can finish below `total`; a succeeded job is complete all the same.
  return progress && status === 'succeeded' ? { ...progress, percent: 100 } : progress;
}

/**
 * ETA from the average rate since training first started. Time spent paused or
 * re-queued counts as training time, so after a pause the ETA is pessimistic.
 */
function etaOf(
  status: JobStatus,
  progress: JobProgress | null,
  startedAt: string | null,
  lastBeat: Date | null,
  now: Date,
): string | null {
  if (
    status !== 'running' ||
    !progress ||
    !startedAt ||
    progress.iteration <= 0 ||
    progress.iteration >= progress.total
  )
    return null;
  const at = (lastBeat ?? now).getTime();
  const elapsed = at - Date.parse(startedAt);
  if (!(elapsed > 0)) return null;
  const msPerIteration = elapsed / progress.iteration;
  return new Date(at + (progress.total - progress.iteration) * msPerIteration).toISOString();
}

export function buildJobView(f: JobFacts, extras: JobExtras): ApiJob {
  const { status, phase } = statusAndPhaseOf(f);
  const progress = progressFrom(f, extras, status);
  const self = `/v1/trainings/${f.jobId}`;
  return {
    id: f.jobId,
    tenantId: f.memo.tenantId,
    styleName: f.memo.styleName,
    baseModel: f.memo.baseModel,
    status: (status === 'running' || status === 'queued') && isRetrying(f) ? 'retrying' : status,
    phase,
    priority: f.training?.priority ?? f.memo.priority,
    progress,
    attempt: f.training?.attempt ?? (f.memo.startedAt ? 1 : 0),
    queue: extras.queue,
    eta: etaOf(status, progress, f.memo.startedAt, f.training?.lastHeartbeatAt ?? null, extras.now),
    createdAt: f.memo.createdAt,
    scheduledFor: f.memo.scheduledFor,
    startedAt: f.memo.startedAt,
    finishedAt: f.closeTime?.toISOString() ?? null,
    error:
      status === 'failed' ? (extras.error ?? { code: 'TrainingFailed', message: 'the job failed' }) : null,
    lastError: lastErrorOf(f),
    artifacts: extras.artifacts.map((a) => ({
      name: a.name,
      bytes: a.bytes,
      sha256: a.sha256,
      href: `${self}/artifacts/${a.name}`,
    })),
    params: f.memo.params,
    metadata: f.memo.metadata,
    links: {
      self,
      artifacts: `${self}/artifacts`,
      checkpoints: `${self}/checkpoints`,
      events: `${self}/events`,
    },
  };
}

/**
 * The live progress sample of a running training attempt (its last heartbeat), by the
 * job view's own rules (percent, ETA), so SSE and GET agree; null unless an attempt
 * is running and has heartbeated.
 */
export function progressSampleOf(f: JobFacts, now: Date): ProgressSample | null {
  const training = f.training;
  const running = training?.state === 'started' || training?.state === 'cancel_requested';
  if (!running || !training.heartbeat || f.executionStatus !== 'RUNNING') return null;
  const { status } = statusAndPhaseOf(f);
  const progress = progressFrom(f, { lastCheckpoint: null }, status);
  if (!progress) return null;
  return {
    ...progress,
    attempt: training.attempt,
    eta: etaOf(status, progress, f.memo.startedAt, training.lastHeartbeatAt, now),
    heartbeatAt: training.lastHeartbeatAt?.toISOString() ?? null,
  };
}
