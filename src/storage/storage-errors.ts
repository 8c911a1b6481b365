/**
 * The closed set of storage failures, the same on every backend. Each says whether
 * retrying can help (`permanent`), so callers classify without knowing the backend:
 * an activity turns a permanent one into a non-retryable failure and retries a
 * transient one a bounded number of times; the gateway answers 503 for a transient one.
 */
export abstract class StorageError extends Error {
  abstract readonly permanent: boolean;
}

/** Retrying cannot help: the data or the request itself is wrong. */
abstract class PermanentStorageError extends StorageError {
  readonly permanent = true;
}

/** The object does not exist (a blob, checkpoint or artifact the caller needs). */
export class StorageNotFoundError extends PermanentStorageError {
  override name = 'StorageNotFoundError';
}

/** The object exists but its bytes or record are not what was written (garbage, truncated, wrong hash). */
export class StorageCorruptError extends PermanentStorageError {
  override name = 'StorageCorruptError';
}

/** A caller-supplied id or name that may not become a key. */
export class InvalidStorageKeyError extends PermanentStorageError {
  override name = 'InvalidStorageKeyError';
}

/**
 * A checkpoint writer that a newer attempt has superseded (fencing). Permanent for
 * that attempt: it must stop writing; the newer attempt carries the job on.
 */
export class StaleWriterError extends PermanentStorageError {
  override name = 'StaleWriterError';
}

/** An artifact name that was already published with other bytes: artifacts are immutable. */
export class ArtifactConflictError extends PermanentStorageError {
  override name = 'ArtifactConflictError';
}

/**
 * The store cannot do it right now: I/O error, disk full, read-only, permission
 * denied, S3 5xx/throttling, network, timeout. The message carries the cause as the
 * system gave it (e.g. `ENOSPC: no space left on device, write`), `code` its short form.
 */
export class StorageUnavailableError extends StorageError {
  override name = 'StorageUnavailableError';
  readonly permanent = false;
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isStorageError = (err: unknown): err is StorageError => err instanceof StorageError;
