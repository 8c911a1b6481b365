/**
 * The only place where caller-supplied names become path segments. Every id is checked
 * against a strict allow-list before it is joined into a path, and the joined path is
 * checked again against the data dir (defence in depth: a bug in one check is not enough).
 */
import path from 'node:path';
import { JOB_ID_PATTERN } from '../../workflows/job-identity.ts';
import { InvalidStorageKeyError } from './types.ts';

export type KeyKind = 'jobId' | 'artifactName' | 'sha256';

const PATTERNS: Record<KeyKind, RegExp> = {
  // A client's id, or a pack child's `<packId>.<n>` (workflows/job-identity.ts).
  jobId: JOB_ID_PATTERN,
  // Must start with an alphanumeric, so names can never be `.`/`..`/hidden or collide
  // with the dot-prefixed temp files that atomic writes leave behind for a moment.
  artifactName: /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
  sha256: /^[0-9a-f]{64}$/,
};

export function isValidKey(kind: KeyKind, value: unknown): value is string {
  // JS `$` (without the m flag) only matches at the very end, so no trailing-newline loophole.
  return typeof value === 'string' && PATTERNS[kind].test(value) && !value.includes('..');
}

/** Throws `InvalidStorageKeyError` unless `value` is a well-formed id of the given kind. */
export function validateKey(kind: KeyKind, value: unknown): string {
  if (!isValidKey(kind, value)) {
    throw new InvalidStorageKeyError(`invalid ${kind}: ${describe(value)}`);
  }
  return value;
}

/** Joins already-validated segments under `root` and refuses anything that resolves outside it. */
export function resolveInside(root: string, ...segments: string[]): string {
  const resolved = path.resolve(root, ...segments);
  const rel = path.relative(root, resolved);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new InvalidStorageKeyError(`path escapes the data dir: ${describe(segments.join('/'))}`);
  }
  return resolved;
}

/** Quotes a rejected value for an error message without echoing megabytes or control bytes. */
function describe(value: unknown): string {
  if (typeof value !== 'string') return `<${typeof value}>`;
  const shown = JSON.stringify(value.slice(0, 80));
  return value.length > 80 ? `${shown}… (${value.length} chars)` : shown;
}
