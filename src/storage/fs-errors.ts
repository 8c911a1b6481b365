/**
 * Filesystem failures in the storage vocabulary. "Not there" is an expected answer for
 * reads; every other system error (EIO, ENOSPC, EROFS, EACCES, …) becomes a transient
 * `StorageUnavailableError` that keeps the system's own message, e.g.
 * `ENOSPC: no space left on device, write`, so whoever sees the failure sees its cause.
 */
import { StorageUnavailableError } from './storage-errors.ts';

type ErrnoError = NodeJS.ErrnoException & { code: string };

const isErrno = (err: unknown): err is ErrnoError =>
  err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string';

export function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** For `.catch`: a missing file becomes null, every other error is rethrown. */
export function nullIfMissing(err: unknown): null {
  if (isMissing(err)) return null;
  throw err;
}

/** Wraps a system error; anything else (a bug, an error of our own) passes through unchanged. */
export function fsFailure(err: unknown): unknown {
  if (!isErrno(err)) return err;
  return new StorageUnavailableError(err.message, err.code, { cause: err });
}

/** Runs one filesystem operation of the store with its failures translated. */
export async function fsCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    throw fsFailure(err);
  }
}
