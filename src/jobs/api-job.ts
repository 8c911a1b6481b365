/** The job as the HTTP API returns it: the workflow's JobView facts plus queue, ETA and links. */
import type { JobView } from '../../workflows/job-view.ts';

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
export interface ApiJob extends Omit<JobView, 'artifacts' | 'trainingRuns'> {
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
