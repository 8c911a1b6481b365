/**
 * Custom search attributes of a training workflow. They live beside the workflows
 * because workflow code upserts them; the gateway and `atelier setup` import the
 * same definitions, so the names exist in exactly one place.
 */
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

export const TrainingPhaseKey = defineSearchAttributeKey('TrainingPhase', SearchAttributeType.KEYWORD);
export const TenantIdKey = defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD);
export const StyleNameKey = defineSearchAttributeKey('StyleName', SearchAttributeType.KEYWORD);
export const BaseModelKey = defineSearchAttributeKey('BaseModel', SearchAttributeType.KEYWORD);

export const ALL_SEARCH_ATTRIBUTES = [TrainingPhaseKey, TenantIdKey, StyleNameKey, BaseModelKey] as const;

/** The search attributes of a job as it starts (phase `queued`): set by the gateway, or by the workflow itself. */
export function trainingSearchAttributes(job: {
  tenantId: string;
  styleName: string;
  baseModel: string;
}): SearchAttributePair[] {
  return [
    { key: TrainingPhaseKey, value: 'queued' },
    { key: TenantIdKey, value: job.tenantId },
    { key: StyleNameKey, value: job.styleName },
    { key: BaseModelKey, value: job.baseModel },
  ];
}
