/** Errno helpers: "not there" is an expected answer for storage reads, every other error is not. */
export function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** For `.catch`: a missing file becomes null, every other error is rethrown. */
export function nullIfMissing(err: unknown): null {
  if (isMissing(err)) return null;
  throw err;
}
