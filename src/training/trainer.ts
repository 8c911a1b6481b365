/**
 * What a trainer is to the rest of Atelier. `baseModel` names one; the training
 * activity drives it (progress, checkpoints, cancellation) and the publish activity
 * asks it for its artifact files. Built in: `color-lut`; configured: command trainers.
 */
export interface ParameterDescription {
  name: string;
  type: 'integer' | 'number' | 'string' | 'boolean';
  description: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
}

export interface TrainingPixels {
  width: number;
  height: number;
  /** RGB8, interleaved, no alpha. */
  data: Uint8Array;
}

export interface TrainerProgress {
  iteration: number;
  total: number;
  loss: number | null;
}

export interface TrainerCheckpoint extends TrainerProgress {
  data: Uint8Array;
}

export interface TrainerRun {
  jobId: string;
  params: Record<string, unknown>;
  pixels: TrainingPixels;
  /** The job's latest checkpoint, or null to start from scratch. */
  resume: { iteration: number; data: Uint8Array } | null;
  checkpointEveryMs: number;
  signal: AbortSignal;
  onProgress(progress: TrainerProgress): void;
  /** Resolves once the checkpoint is durable; the trainer may go on meanwhile. */
  onCheckpoint(checkpoint: TrainerCheckpoint): Promise<void>;
  onLog?(line: { level: string; message: string }): void;
}

export interface TrainerOutcome {
  iterations: number;
  total: number;
  finalLoss: number | null;
  /** The final state; written as the last checkpoint and handed to `artifacts`. */
  finalState: Uint8Array;
}

export interface ArtifactFile {
  name: string;
  data: Uint8Array;
}

export interface ArtifactRequest {
  styleName: string;
  params: Record<string, unknown>;
  finalState: Uint8Array;
  pixels: TrainingPixels;
}

export interface Trainer {
  name: string;
  description: string;
  version: string;
  parameters: ParameterDescription[];
  /** Validates and fills defaults; throws `InvalidParamsError` naming each bad field. */
  parseParams(raw: Record<string, unknown>): Record<string, unknown>;
  totalIterations(params: Record<string, unknown>): number;
  /** Runs until done; rejects with the signal's reason when aborted. */
  train(run: TrainerRun): Promise<TrainerOutcome>;
  /** Artifact files (besides manifest.json) from the final state; deterministic. */
  artifacts(request: ArtifactRequest): Promise<ArtifactFile[]>;
  /** Per-iteration loss history recorded in the final state, for the manifest. */
  lossCurve(finalState: Uint8Array): number[];
  /** Gets ready to train without delay (e.g. starts its threads); a training worker calls it at start-up. */
  warmUp?(): Promise<void>;
  /** Releases what `warmUp` or training holds (threads); training again restarts it. */
  close?(): Promise<void>;
}

export class InvalidParamsError extends Error {
  override name = 'InvalidParamsError';
  constructor(
    message: string,
    readonly fields: { field: string; message: string }[],
  ) {
    super(message);
  }
}

export class TrainerBadInputError extends Error {
  override name = 'TrainerBadInputError';
}
