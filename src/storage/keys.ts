/**
 * The only place where caller-supplied names become storage keys. Every key lives under
 * its tenant (see workflows/job-identity.ts):
 *
 *   tenants/<tenantId>/blobs/<sha256>                         content-addressed, per tenant
 *   tenants/<tenantId>/jobs/<jobId>/checkpoints/…             see checkpoint-layout.ts
 *   tenants/<tenantId>/jobs/<jobId>/artifacts/<name>
 *   tenants/<tenantId>/jobs/<jobId>/blob-refs/<sha256>        the blobs the job still needs
 *   tenants/<tenantId>/tombstones/<jobId>                     the run id of a deleted job
 *
 * Each id is checked against a strict allow-list before it is joined; the filesystem
 * backend checks the joined path once more against its root (defence in depth).
 */
import path from 'node:path';
import { JOB_ID_PATTERN, TENANT_ID_PATTERN, type JobRef } from '../../workflows/job-identity.ts';
import { InvalidStorageKeyError } from './storage-errors.ts';

export type KeyKind = 'tenantId' | 'jobId' | 'artifactName' | 'sha256';

const PATTERNS: Record<KeyKind, RegExp> = {
  tenantId: TENANT_ID_PATTERN,
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

export const tenantPrefix = (tenantId: string) => `tenants/${validateKey('tenantId', tenantId)}/`;

export const blobKey = (tenantId: string, sha256: string) =>
  `${tenantPrefix(tenantId)}blobs/${validateKey('sha256', sha256)}`;

export function jobPrefix(job: JobRef): string {
  if (typeof job !== 'object' || job === null) throw new InvalidStorageKeyError('invalid job reference');
  return `${tenantPrefix(job.tenantId)}jobs/${validateKey('jobId', job.jobId)}/`;
}

export const checkpointPrefix = (job: JobRef) => `${jobPrefix(job)}checkpoints/`;
export const artifactPrefix = (job: JobRef) => `${jobPrefix(job)}artifacts/`;
export const artifactKey = (job: JobRef, name: string) =>
  `${artifactPrefix(job)}${validateKey('artifactName', name)}`;
export const blobRefPrefix = (job: JobRef) => `${jobPrefix(job)}blob-refs/`;
export const blobRefKey = (job: JobRef, sha256: string) =>
  `${blobRefPrefix(job)}${validateKey('sha256', sha256)}`;

/** Outside the job's prefix: deleting the job's data must not take its tombstone with it. */
export const tombstoneKey = (job: JobRef) =>
  `${tenantPrefix(job.tenantId)}tombstones/${validateKey('jobId', job.jobId)}`;

/** Reads `tenants/<t>/blobs/<sha>` and `tenants/<t>/jobs/<j>/blob-refs/<sha>` back (for garbage collection). */
export function parseBlobKey(key: string): { tenantId: string; sha256: string } | null {
  const m = /^tenants\/([^/]+)\/blobs\/([0-9a-f]{64})$/.exec(key);
  return m ? { tenantId: m[1], sha256: m[2] } : null;
}
export function parseBlobRefKey(key: string): { tenantId: string; sha256: string } | null {
  const m = /^tenants\/([^/]+)\/jobs\/[^/]+\/blob-refs\/([0-9a-f]{64})$/.exec(key);
  return m ? { tenantId: m[1], sha256: m[2] } : null;
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
