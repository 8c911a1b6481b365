/**
 * The public message contract of a training job: what clients and other workflows
 * may send and read. Cancel is Temporal's own workflow cancellation. Names go over
 * the wire: renaming one is a breaking change. Input types come from the schemas in
 * contract-schemas.ts, which the workflow checks on start.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { JobView } from './job-view.ts';
import type { PauseInput, ResumeInput, SetPriorityInput, SetPriorityResult } from './contract-schemas.ts';

export {
  DEFAULT_PRIORITY,
  MAX_PRIORITY,
  MIN_PRIORITY,
  type BlobRef,
  type PauseInput,
  type ResumeInput,
  type SetPriorityInput,
  type SetPriorityResult,
  type StyleTrainingInput,
  type WebhookTarget,
} from './contract-schemas.ts';

export interface StyleTrainingResult {
  artifacts: string[];
  iterations: number;
  finalLoss: number | null;
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

/**
 * Sent by a job activity's attempt that failed and will be retried, with the cause: Temporal
 * records no event per failed attempt, so this puts every retry and its reason into the
 * job's history, where the event log (src/events) reads it as a `retried` event.
 */
export interface AttemptFailedInput {
  /** The activity type, e.g. `trainStyle`, `decodeImage`. */
  activity: string;
  /** The training run (1 + resumes), for `trainStyle` only. */
  run?: number;
  /** The attempt that failed; the retry is `attempt + 1`. */
  attempt: number;
  error: { code: string; message: string };
}

/** A checkpoint an attempt could not use, and why (null key: the latest record itself was unreadable). */
export interface SkippedCheckpoint {
  key: string | null;
  reason: string;
}

/** Which checkpoint an attempt continued from (0 = a clean start) and what it skipped, and why. */
export interface CheckpointFallback {
  resumedFrom: number;
  skipped: SkippedCheckpoint[];
}

export const pauseSignal = defineSignal<[PauseInput?]>('pause');
export const resumeSignal = defineSignal<[ResumeInput?]>('resume');
export const trainingReportSignal = defineSignal<[TrainingReportInput]>('trainingReport');
export const attemptFailedSignal = defineSignal<[AttemptFailedInput]>('attemptFailed');
export const setPriorityUpdate = defineUpdate<SetPriorityResult, [SetPriorityInput]>('setPriority');
export const statusQuery = defineQuery<JobView>('status');
