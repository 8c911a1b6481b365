/**
 * Storage for everything that must not travel through Temporal payloads: uploaded
 * images (claim check), decoded training pixels, checkpoints and artifacts. Two
 * backends with the same semantics (create-storage.ts picks one): `fs` under the data
 * dir, and `s3` on any S3-compatible store, so processes on different hosts need
 * nothing but the bucket in common. Every key lives under its tenant (keys.ts);
 * failures are the closed set in storage-errors.ts.
 */
import type { Readable } from 'node:stream';
import type { JobRef } from '../../workflows/job-identity.ts';
import type { SkippedCheckpoint } from '../../workflows/messages.ts';

export type { JobRef, SkippedCheckpoint };
export * from './storage-errors.ts';

/** A reference to an immutable, content-addressed blob of one tenant. Small enough for workflow input. */
export interface BlobRef {
  sha256: string;
  bytes: number;
  contentType: string;
}

/**
 * One training attempt, the unit of checkpoint fencing. Within one workflow execution a
 * later (run, attempt) supersedes an earlier one; a new execution (reset,
 * continue-as-new) starts a new line of writers, and its first claim takes over.
 */
export interface CheckpointWriter {
  workflowRunId: string;
  /** The workflow's training-run counter: pause/resume and re-prioritisation schedule a new run. */
  run: number;
  /** The activity attempt within the run. */
  attempt: number;
}

export interface CheckpointRecord {
  /** Name of the checkpoint within its job, e.g. `000042-r1a2-0193ab4c`. */
  key: string;
  iteration: number;
  /** Null when the trainer reports no loss (command trainers may not). */
  loss: number | null;
  createdAt: string;
  bytes: number;
  sha256: string;
  writer: CheckpointWriter;
}

export interface Checkpoint {
  record: CheckpointRecord;
  data: Buffer;
}

export interface NewCheckpoint {
  iteration: number;
  loss: number | null;
  data: Uint8Array;
}

export interface CheckpointClaim {
  /** What the attempt continues from; null = a clean start. */
  checkpoint: Checkpoint | null;
  /** Non-empty when the latest checkpoint was unusable and the claim fell back. */
  skipped: SkippedCheckpoint[];
}

export interface ArtifactInfo {
  name: string;
  bytes: number;
  sha256: string;
}

export interface ArtifactDownload extends ArtifactInfo {
  contentType: string;
  body: Readable;
}

export interface GarbageCollectionOptions {
  now?: Date;
  /** Unreferenced blobs younger than this are kept (an upload whose job is being created). */
  blobGraceMs: number;
  /** Temp files (fs) and unfinished multipart uploads (s3) younger than this may still be in use. */
  tempGraceMs: number;
}

export interface GarbageCollectionReport {
  blobsDeleted: number;
  blobBytesFreed: number;
  temporariesDeleted: number;
}

export interface Storage {
  readonly kind: 'fs' | 's3';

  /** Stores bytes under their sha256 (verified by the server on S3); the same bytes again are a no-op. */
  putBlob(tenantId: string, data: Uint8Array, contentType: string): Promise<BlobRef>;
  /** Throws `StorageNotFoundError` when the blob does not exist. */
  getBlob(tenantId: string, sha256: string): Promise<Buffer>;
  hasBlob(tenantId: string, sha256: string): Promise<boolean>;
  /** Marks blobs as used by a job: garbage collection keeps them until the job releases them. */
  referenceBlobs(job: JobRef, sha256s: string[]): Promise<void>;
  releaseBlobs(job: JobRef): Promise<void>;

  /**
   * Starts an attempt: takes over the job's checkpoint line (a superseded writer gets
   * `StaleWriterError` from then on) and returns the newest usable checkpoint, falling
   * back past a corrupt or missing latest one. Throws `StaleWriterError` when a newer
   * attempt has claimed already.
   */
  claimCheckpoints(job: JobRef, writer: CheckpointWriter): Promise<CheckpointClaim>;
  /** Writes the data, then moves the latest record by compare-and-swap; refused for a superseded writer. */
  writeCheckpoint(
    job: JobRef,
    writer: CheckpointWriter,
    checkpoint: NewCheckpoint,
  ): Promise<CheckpointRecord>;
  /** Exactly the checkpoint the latest record names (no fallback): `StorageCorruptError`/`StorageNotFoundError` when it is unusable. */
  readLatestCheckpoint(job: JobRef): Promise<Checkpoint | null>;
  /** Oldest first. */
  listCheckpoints(job: JobRef): Promise<CheckpointRecord[]>;
  /** Keeps the `keep` newest checkpoints (never the latest one's) and removes the rest; returns how many went. */
  pruneCheckpoints(job: JobRef, keep: number): Promise<number>;
  deleteCheckpoints(job: JobRef): Promise<void>;

  /** Immutable once published: the same bytes again are a no-op, other bytes throw `ArtifactConflictError`. */
  writeArtifact(job: JobRef, name: string, data: Uint8Array, contentType: string): Promise<ArtifactInfo>;
  readArtifact(job: JobRef, name: string): Promise<Buffer>;
  /** A stream for downloads, with size and sha256; `StorageNotFoundError` when absent. */
  openArtifact(job: JobRef, name: string): Promise<ArtifactDownload>;
  /** Present only when presigned downloads are configured (s3 with ATELIER_S3_PRESIGN). */
  presignArtifact?(job: JobRef, name: string, ttlSeconds: number): Promise<string>;
  /** Sorted by name. */
  listArtifacts(job: JobRef): Promise<ArtifactInfo[]>;
  /** Removes one artifact; missing is fine (idempotent cleanup). */
  deleteArtifact(job: JobRef, name: string): Promise<void>;
  /** Removes everything of the job (checkpoints, artifacts, blob references); its blobs go with the next collection. */
  deleteJobData(job: JobRef): Promise<void>;

  /**
   * Marks one run of a job as deleted: Temporal forgets a deleted execution only later,
   * and until then the job must read as not found. Kept apart from the job's data, so
   * `deleteJobData` leaves it; the next delete of the same id replaces it.
   */
  writeTombstone(job: JobRef, runId: string): Promise<void>;
  /** The run id of the job's deleted run, or null. */
  readTombstone(job: JobRef): Promise<string | null>;
  /** Writes and removes a probe object within a bounded time; throws a `StorageError` saying why not. */
  checkWritable(): Promise<void>;
  /** Removes unreferenced blobs and leftover temporaries past their grace periods. */
  collectGarbage(options: GarbageCollectionOptions): Promise<GarbageCollectionReport>;
}
