/** The job as the HTTP API returns it: the workflow's JobView facts plus queue, ETA and links. */
import type { JobError, JobPhase, JobProgress, JobStatus } from '../../workflows/job-view.ts';

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

export interface ApiJob {
  id: string;
  tenantId: string;
  styleName: string;
  baseModel: string;
  status: JobStatus;
  phase: JobPhase;
  priority: number;
  progress: JobProgress | null;
  attempt: number;
  queue: QueuePlace | null;
  eta: string | null;
  createdAt: string;
  scheduledFor: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: JobError | null;
  artifacts: ArtifactLink[];
  params: Record<string, unknown>;
  metadata: Record<string, string>;
  links: { self: string; artifacts: string; checkpoints: string; events: string };
}
