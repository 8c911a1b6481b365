/** Inputs and results of the activities, shared with workflow code as types only. */
import type { BlobRef } from '../src/storage/types.ts';

export interface TrainingPixelsRef {
  ref: BlobRef;
  width: number;
  height: number;
}

export interface TrainStyleInput {
  jobId: string;
  tenantId: string;
  /** Increments on each (re)scheduling after pause; lets the workflow ignore late reports. */
  run: number;
  baseModel: string;
  params: Record<string, unknown>;
  pixels: TrainingPixelsRef;
}

export interface TrainStyleResult {
  iterations: number;
  total: number;
  finalLoss: number | null;
  checkpointKey: string;
  /** Iteration the first attempt of this run resumed from (0 = from scratch). */
  resumedFrom: number;
  durationMs: number;
}

export interface PublishArtifactsInput {
  jobId: string;
  tenantId: string;
  styleName: string;
  baseModel: string;
  params: Record<string, unknown>;
  pixels: TrainingPixelsRef;
  /** Training time summed over runs; from history, so a retry writes the same manifest. */
  trainingMs: number;
}

export interface PublishArtifactsResult {
  artifacts: string[];
  iterations: number;
  finalLoss: number | null;
}

export interface CleanupJobInput {
  jobId: string;
  tenantId: string;
  removeArtifacts: boolean;
  /** Also releases the job's blobs: a job whose checkpoints go will not train again. */
  removeCheckpoints: boolean;
}

export interface DeliverWebhookInput {
  jobId: string;
  tenantId: string;
  url: string;
  type: string;
  /** Stable across retries: receivers de-duplicate on it (Standard Webhooks `webhook-id`). */
  eventId: string;
}
