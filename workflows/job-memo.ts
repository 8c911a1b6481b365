/**
 * The memo and search attributes that make a job visible to the API and the Temporal
 * UI without a worker. The gateway sets them when it starts a job; a job started by
 * any other client (another workflow, another language) gets them from its own first
 * workflow task, so it is listed, readable and controllable for its tenant too.
 */
import { upsertMemo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { StylePackInput, StyleTrainingInput } from './contract-schemas.ts';
import { TenantIdKey, trainingSearchAttributes } from './search-attributes.ts';

/** The memo fields every job has (the gateway adds fingerprint, submission id, planned total). */
export function baseJobMemo(input: StyleTrainingInput) {
  return {
    tenantId: input.tenantId,
    createdAt: input.createdAt,
    styleName: input.styleName,
    baseModel: input.baseModel,
    priority: input.priority,
    params: input.params,
    metadata: input.metadata ?? {},
  };
}

/** Writes memo and search attributes only where the starter left them out. */
export function adoptJobVisibility(input: StyleTrainingInput): void {
  const info = workflowInfo();
  if (info.memo?.tenantId !== input.tenantId) upsertMemo(baseJobMemo(input));
  if (info.typedSearchAttributes.get(TenantIdKey) !== input.tenantId)
    upsertSearchAttributes(trainingSearchAttributes(input));
}

/** A pack's memo and tenant attribute, where its starter left them out (see adoptJobVisibility). */
export function adoptPackVisibility(input: StylePackInput): void {
  const info = workflowInfo();
  if (info.memo?.tenantId !== input.tenantId)
    upsertMemo({
      kind: 'pack',
      tenantId: input.tenantId,
      styles: input.styles.length,
      createdAt: input.createdAt,
    });
  if (info.typedSearchAttributes.get(TenantIdKey) !== input.tenantId)
    upsertSearchAttributes([{ key: TenantIdKey, value: input.tenantId }]);
}
