/**
 * Job ids. They become workflow ids (`training-<id>`) and storage path segments, so
 * every id — client-chosen, derived or generated — matches one strict pattern.
 */
import { createHash, randomUUID } from 'node:crypto';

export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isJobId(value: unknown): value is string {
  return typeof value === 'string' && JOB_ID_PATTERN.test(value);
}

/**
 * The job id an `Idempotency-Key` stands for. Hashing with the tenant keeps two
 * tenants that happen to pick the same key from ever meeting on one workflow id.
 */
export function jobIdFromIdempotencyKey(tenantId: string, key: string): string {
  const digest = createHash('sha256').update(`${tenantId}\u0000${key}`, 'utf8').digest('base64url');
  return `k-${digest.slice(0, 32)}`;
}

export function newJobId(): string {
  return randomUUID();
}
