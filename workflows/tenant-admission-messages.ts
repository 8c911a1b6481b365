/**
 * Messages of `tenantAdmissionWorkflow`, the one place that decides whether a tenant may
 * submit another job: the gateway sends `admitSubmission` with update-with-start, so
 * every gateway instance asks the same workflow and its answers are serialised.
 * Names go over the wire.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AdmitSubmissionInput } from './tenant-admission-schemas.ts';
import type { LedgerEntry, RateLimitState } from './tenant-limits.ts';

export type { AdmitSubmissionInput, TenantAdmissionInput } from './tenant-admission-schemas.ts';

export type AdmissionRefusal = 'tenant_active_limit' | 'tenant_rate_limited';

export interface AdmissionDecision {
  admitted: boolean;
  refusal?: AdmissionRefusal;
  /** Seconds after which trying again may succeed (refusals only). */
  retryAfterSeconds?: number;
  /** Slots held after the decision (when a cap is set). */
  active?: number;
  maxActive?: number;
  /** The submission rate after the decision (when a rate is set). */
  rate?: RateLimitState;
}

export interface AdmissionView {
  tenantId: string;
  entries: LedgerEntry[];
  tokens: number | null;
}

export const admitSubmissionUpdate = defineUpdate<AdmissionDecision, [AdmitSubmissionInput]>(
  'admitSubmission',
);
export const admissionStateQuery = defineQuery<AdmissionView>('admissionState');

/**
 * One admission workflow per tenant (and per task-queue suffix: environments or test
 * runs sharing a namespace never share a ledger). ':' is outside the tenant alphabet.
 */
export function tenantAdmissionWorkflowId(tenantId: string, taskQueueSuffix = ''): string {
  return `tenant-admission${taskQueueSuffix}:${tenantId}`;
}

/** The suffix part of an admission workflow id ('' when it is not one). */
export function admissionSuffixOf(workflowId: string): string {
  return /^tenant-admission([A-Za-z0-9._-]{0,40}):/.exec(workflowId)?.[1] ?? '';
}
