/**
 * tenantAdmissionWorkflow: one long-lived workflow per tenant that admits or refuses
 * each submission of that tenant (ATELIER_TENANT_MAX_ACTIVE, ATELIER_TENANT_RATE). The
 * gateway reaches it with update-with-start, so the count and the token bucket live in
 * Temporal, not in any gateway's memory, and every gateway instance gets answers
 * serialised by the one workflow. State and handlers: tenant-admission-state.ts.
 * Continues as new every few hundred admissions, carrying its state.
 */
import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import { checkInput } from './input-check.ts';
import { admissionSuffixOf, tenantAdmissionWorkflowId } from './tenant-admission-messages.ts';
import { TenantAdmissionInputSchema, type TenantAdmissionInput } from './tenant-admission-schemas.ts';
import { TenantAdmission } from './tenant-admission-state.ts';

/** Admits a tenant's submissions; see the module comment. Never ends on its own (entity workflow). */
export async function tenantAdmissionWorkflow(input: TenantAdmissionInput): Promise<void> {
  // The id must name the input's tenant. Its suffix (test isolation) is read from the id itself,
  // not from the task queue: a replay runs on a queue of its own.
  const checked = checkInput('tenantAdmissionWorkflow', TenantAdmissionInputSchema, input, (i) => ({
    workflowId: tenantAdmissionWorkflowId(i.tenantId, admissionSuffixOf(workflowInfo().workflowId)),
  }));
  if (!checked.ok) throw checked.failure;
  const admission = new TenantAdmission(checked.input);
  admission.registerHandlers(); // before the first await: an update with no handler is rejected
  await condition(() => admission.shouldContinueAsNew || workflowInfo().continueAsNewSuggested);
  // Admissions in flight finish in this run; later ones reach the next run.
  await condition(allHandlersFinished);
  await continueAsNew<typeof tenantAdmissionWorkflow>({
    tenantId: checked.input.tenantId,
    admissionsPerRun: checked.input.admissionsPerRun,
    state: admission.snapshot(),
  });
}
