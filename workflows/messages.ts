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
}

export const pauseSignal = defineSignal<[PauseInput?]>('pause');
export const resumeSignal = defineSignal<[ResumeInput?]>('resume');
export const trainingReportSignal = defineSignal<[TrainingReportInput]>('trainingReport');
export const setPriorityUpdate = defineUpdate<SetPriorityResult, [SetPriorityInput]>('setPriority');
export const statusQuery = defineQuery<JobView>('status');
