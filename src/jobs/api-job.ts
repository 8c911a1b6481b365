/** The job as the HTTP API returns it: the workflow's JobView facts plus queue, ETA and links. */
import type { JobStatus, JobView } from '../../workflows/job-view.ts';

/**
 * The API's statuses: the workflow's own, plus `retrying`, which only the gateway can
 * tell (from the pending activity's attempt and last failure; the workflow cannot see
 * its activities' retries).
 */
export const API_JOB_STATUSES = [
  'queued',
  'running',
  'retrying',
  'paused',
  'succeeded',
  'failed',
  'cancelled',
] as const satisfies readonly (JobStatus | 'retrying')[];
export type ApiJobStatus = (typeof API_JOB_STATUSES)[number];

/** The failure of the last attempt of an activity that is being retried. */
export interface LastError {
  /** The failure type (e.g. `StorageUnavailable`, `HeartbeatTimeout`). */
  code: string;
  /** The cause as the activity said it, e.g. `writing checkpoint 3 of job …: ENOSPC: no space left on device, write`. */
  message: string;
  /** The activity that failed, e.g. `trainStyle`. */
  activity: string;
  /** The attempt that failed. */
  attempt: number;
  at: string | null;
  nextAttemptAt: string | null;
}

export interface ArtifactLink {
  name: string;
  bytes: number;
  sha256: string;
  href: string;
}

export interface QueuePlace {
  /** 1 = trains next; null when the job is not waiting. */
  position: number | null;
  /** Jobs waiting for a training slot on the job's queue. */
  length: number;
}

/** The workflow's own view, with artifacts as links and the facts only the API knows (queue, ETA). */
export interface ApiJob extends Omit<JobView, 'artifacts' | 'trainingRuns' | 'status'> {
  status: ApiJobStatus;
  /** While an activity of the job retries: why its last attempt failed; null otherwise. */
  lastError: LastError | null;
  queue: QueuePlace | null;
  eta: string | null;
  scheduledFor: string | null;
  artifacts: ArtifactLink[];
  links: { self: string; artifacts: string; checkpoints: string; events: string };
}

/** A live progress sample (the training activity's last heartbeat, which history never records). */
export interface ProgressSample {
  iteration: number;
  total: number;
  loss: number | null;
  percent: number;
  attempt: number;
  eta: string | null;
  /** When the server received the heartbeat carrying these numbers. */
  heartbeatAt: string | null;
}
