/**
 * The public message contract of a training job: what clients and other workflows
 * may send and read. Cancel is Temporal's own workflow cancellation. Names go over
 * the wire: renaming one is a breaking change.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BlobRef, SkippedCheckpoint } from '../src/storage/types.ts';
import type { JobView } from './job-view.ts';

export interface WebhookTarget {
  url: string;
  /** Event types to deliver; all when absent. */
  events?: string[];
}

export interface StyleTrainingInput {
  jobId: string;
  tenantId: string;
  styleName: string;
  baseModel: string;
  /** Claim check: the uploaded image is in storage, never in the payload. */
  image: BlobRef;
  params: Record<string, unknown>;
  /** 1 (highest) to 5 (lowest): Temporal task-queue priority of the training activity. */
  priority: number;
  webhook?: WebhookTarget;
  metadata?: Record<string, string>;
  createdAt: string;
  /** Heartbeat timeout of the training activity (crash detection); default 10 s. */
  heartbeatTimeoutMs?: number;
}

export interface StyleTrainingResult {
  artifacts: string[];
  iterations: number;
  finalLoss: number | null;
}

export interface PauseInput {
  reason?: string;
}
export interface ResumeInput {
  reason?: string;
}
export interface SetPriorityInput {
  priority: number;
}
export interface SetPriorityResult {
  priority: number;
  /** True when the new priority re-queued a training task that had not started yet. */
  requeued: boolean;
}

/** Sent by the training activity itself: start of an attempt and each checkpoint. */
export interface TrainingReportInput {
  run: number;
  attempt: number;
  iteration: number;
  total: number;
  loss: number | null;
  checkpointKey?: string;
  /** Set on an attempt's first report when its latest checkpoint was unusable and it fell back. */
  checkpointFallback?: CheckpointFallback;
}

/** Which checkpoint an attempt continued from (0 = a clean start) and what it skipped, and why. */
export interface CheckpointFallback {
  resumedFrom: number;
  skipped: SkippedCheckpoint[];
}

export const pauseSignal = defineSignal<[PauseInput?]>('pause');
export const resumeSignal = defineSignal<[ResumeInput?]>('resume');
export const trainingReportSignal = defineSignal<[TrainingReportInput]>('trainingReport');
export const setPriorityUpdate = defineUpdate<SetPriorityResult, [SetPriorityInput]>('setPriority');
export const statusQuery = defineQuery<JobView>('status');

export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 5;

export function trainingWorkflowId(jobId: string): string {
  return `training-${jobId}`;
}
