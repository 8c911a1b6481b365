/**
 * Ids the gateway chooses for a job when the client does not: derived from an
 * `Idempotency-Key`, or random. Both fit CLIENT_JOB_ID_PATTERN (workflows/job-identity.ts).
 */
import { createHash, randomUUID } from 'node:crypto';

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
