/**
 * Storage for everything that must not travel through Temporal payloads: uploaded
 * images (claim check), decoded training pixels, checkpoints and artifacts.
 * The filesystem implementation lives in fs-storage.ts; an S3-compatible store can
 * implement the same interface.
 */

/** A reference to an immutable, content-addressed blob. Small enough for workflow input. */
export interface BlobRef {
  sha256: string;
  bytes: number;
  contentType: string;
}

export interface CheckpointRecord {
  /** Storage key of the checkpoint, e.g. `job-1/000042.ckpt`. */
  key: string;
  iteration: number;
  /** Null when the trainer reports no loss (command trainers may not). */
  loss: number | null;
  createdAt: string;
}

export interface ArtifactInfo {
  name: string;
  bytes: number;
  sha256: string;
}

export interface Storage {
  /** Stores bytes under their sha256; storing the same bytes twice is a no-op. */
  putBlob(data: Uint8Array, contentType: string): Promise<BlobRef>;
  /** Throws `StorageNotFoundError` when the blob does not exist. */
  getBlob(sha256: string): Promise<Buffer>;
  hasBlob(sha256: string): Promise<boolean>;

  /** Writes a checkpoint and then moves the job's "latest" record to it (both atomic). */
  writeCheckpoint(
    jobId: string,
    iteration: number,
    loss: number | null,
    data: Uint8Array,
  ): Promise<CheckpointRecord>;
  /** The checkpoint the latest record points at, or null when the job has none. */
  readLatestCheckpoint(jobId: string): Promise<{ record: CheckpointRecord; data: Buffer } | null>;
  listCheckpoints(jobId: string): Promise<CheckpointRecord[]>;
  deleteCheckpoints(jobId: string): Promise<void>;

  /** Atomic (temp file, fsync, rename) and idempotent: the same bytes give the same file. */
  writeArtifact(jobId: string, name: string, data: Uint8Array): Promise<ArtifactInfo>;
  readArtifact(jobId: string, name: string): Promise<Buffer>;
  /** Absolute path for streaming downloads and external tools; validated and confined to the data dir. */
  artifactPath(jobId: string, name: string): string;
  listArtifacts(jobId: string): Promise<ArtifactInfo[]>;
  /** Removes one artifact; missing is fine (idempotent cleanup). */
  deleteArtifact(jobId: string, name: string): Promise<void>;

  /** Removes checkpoints and artifacts of a job (blobs are shared and kept). */
  deleteJobData(jobId: string): Promise<void>;
  /**
   * Marks one run of a job as deleted: Temporal forgets a deleted execution only later,
   * and until then the job must read as not found. Keyed by tenant and job id.
   */
  writeTombstone(job: { tenantId: string; jobId: string }, runId: string): Promise<void>;
  /** The run id of the job's deleted run, or null. */
  readTombstone(job: { tenantId: string; jobId: string }): Promise<string | null>;
  /** Writes and removes a probe file; throws when storage is not writable. */
  checkWritable(): Promise<void>;
}

export class StorageNotFoundError extends Error {
  override name = 'StorageNotFoundError';
}

export class InvalidStorageKeyError extends Error {
  override name = 'InvalidStorageKeyError';
}
