/**
 * A job's identity is the pair (tenant, id). Everything that names a job — its workflow
 * id, a pack's child ids, search attributes, storage keys — is derived from both here,
 * with one unambiguous encoding, so equal client ids in two tenants never meet.
 *
 *   tenant id        [A-Za-z0-9_-]{1,64}
 *   client job id    [A-Za-z0-9_-]{1,64}            chosen by the client (or generated)
 *   pack id          [A-Za-z0-9_-]{1,60}
 *   pack child id    <packId>.<n>   n = 1…999       the '.' is outside the client alphabet,
 *                                                   so no client id can take a pack child's
 *   workflow id      training:<tenant>:<jobId>      ':' is in neither alphabet, so the pair
 *                    pack:<tenant>:<packId>          can always be read back
 *
 * Pure and deterministic: imported by workflows, activities, the gateway and storage.
 */

export const TENANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Ids a client may choose for a job (v1 `id`, the old API's integer as a string). */
export const CLIENT_JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const PACK_ID_PATTERN = /^[A-Za-z0-9_-]{1,60}$/;
/** Any job id: a client's, or a pack child's `<packId>.<n>`. */
export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}(\.[1-9][0-9]{0,2})?$/;
export const MAX_PACK_STYLES = 999;

export interface JobRef {
  tenantId: string;
  jobId: string;
}

export const isTenantId = (v: unknown): v is string => typeof v === 'string' && TENANT_ID_PATTERN.test(v);
export const isClientJobId = (v: unknown): v is string =>
  typeof v === 'string' && CLIENT_JOB_ID_PATTERN.test(v);
export const isPackId = (v: unknown): v is string => typeof v === 'string' && PACK_ID_PATTERN.test(v);
export const isJobId = (v: unknown): v is string => typeof v === 'string' && JOB_ID_PATTERN.test(v);

export function trainingWorkflowId(job: JobRef): string {
  return `training:${job.tenantId}:${job.jobId}`;
}

export function packWorkflowId(tenantId: string, packId: string): string {
  return `pack:${tenantId}:${packId}`;
}

/** The job id of a pack's n-th style (index from 0). */
export function packChildJobId(packId: string, index: number): string {
  return `${packId}.${index + 1}`;
}

/** The pack a job id belongs to, or null for a client's own job id. */
export function packIdOfJob(jobId: string): string | null {
  const dot = jobId.lastIndexOf('.');
  return dot > 0 ? jobId.slice(0, dot) : null;
}

/** The workflow id of the pack that owns a pack child's job id, or null for a client's own id. */
export function owningPackWorkflowId(job: JobRef): string | null {
  const packId = packIdOfJob(job.jobId);
  return packId === null ? null : packWorkflowId(job.tenantId, packId);
}

/** Reads a training workflow id back into its (tenant, id); null when it is not one. */
export function jobRefOfWorkflowId(workflowId: string): JobRef | null {
  const m = /^training:([^:]+):([^:]+)$/.exec(workflowId);
  if (!m || !isTenantId(m[1]) || !isJobId(m[2])) return null;
  return { tenantId: m[1], jobId: m[2] };
}
