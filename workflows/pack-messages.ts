/**
 * Message contract of `stylePackWorkflow`: several styles trained as child
 * training jobs. Pause/resume are forwarded to the children; cancel is the pack's
 * own cancellation, which Temporal propagates to the children.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { JobPhase, JobProgress, JobStatus } from './job-view.ts';

export type { PackStyleInput, StylePackInput } from './contract-schemas.ts';

export interface PackStyleState {
  jobId: string;
  styleName: string;
  status: JobStatus;
  phase: JobPhase;
  progress: JobProgress | null;
  error: { code: string; message: string } | null;
  artifacts: string[];
}

export interface PackView {
  id: string;
  tenantId: string;
  status: 'running' | 'paused' | 'succeeded' | 'partially_failed' | 'failed' | 'cancelled';
  paused: boolean;
  /** Mean of the styles' percentages; finished styles count 100. */
  percent: number;
  styles: PackStyleState[];
}

/** Pushed by each child training job to its parent pack on every phase change and progress report. */
export interface ChildUpdateInput {
  jobId: string;
  phase: JobPhase;
  status: JobStatus;
  progress: JobProgress | null;
}

export const packStatusQuery = defineQuery<PackView>('packStatus');
export const packPauseSignal = defineSignal<[{ reason?: string }?]>('packPause');
export const packResumeSignal = defineSignal<[{ reason?: string }?]>('packResume');
export const childUpdateSignal = defineSignal<[ChildUpdateInput]>('childUpdate');
