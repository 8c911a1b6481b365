/**
 * Asks the tenant's admission workflow whether a submission may start (per-tenant
 * limits, issue 14). Update-with-start: the first submission of a tenant starts the
 * workflow, every later one — from any gateway instance — reaches the same one, whose
 * answers are serialised, so no gateway keeps a count. Admin keys skip this entirely.
 * With no limits configured nothing is asked and submissions need no worker, as before.
 */
import { WithStartWorkflowOperation } from '@temporalio/client';
import { TaskQueue } from '../../workflows/task-queues.ts';
import { type tenantAdmissionWorkflow } from '../../workflows/tenant-admission.ts';
import {
  admitSubmissionUpdate,
  tenantAdmissionWorkflowId,
  type AdmissionDecision,
} from '../../workflows/tenant-admission-messages.ts';
import { type RateLimitState } from '../../workflows/tenant-limits.ts';
import { type JobServiceDeps } from './job-service-deps.ts';
import { JobServiceError } from './job-service-error.ts';

/** What the caller tells the client about its limits (the HTTP layer turns it into headers). */
export interface SubmissionQuota {
  rate?: RateLimitState;
  retryAfterSeconds?: number;
}

export interface AdmissionRequest {
  tenantId: string;
  /** The workflow the submission starts: its slot's name, so a retry holds the same slot. */
  workflowId: string;
  /** 1 for a job, the number of styles for a pack. */
  weight: number;
  exempt?: boolean;
}

const limited = (deps: JobServiceDeps) =>
  !!deps.tenantLimits && (deps.tenantLimits.maxActive !== null || deps.tenantLimits.rate !== null);

/** Resolves with the quota when admitted; throws TenantActiveLimit / TenantRateLimited otherwise. */
export async function admitSubmission(
  deps: JobServiceDeps,
  req: AdmissionRequest,
): Promise<SubmissionQuota | undefined> {
  if (req.exempt || !limited(deps) || !deps.tenantLimits) return undefined;
  const { maxActive, rate } = deps.tenantLimits;
  if (maxActive !== null && req.weight > maxActive) {
    // Never admissible, so not a 429: waiting would not help.
    throw new JobServiceError(
      'InvalidInput',
      `${req.weight} styles are more than this tenant's limit of ${maxActive} active jobs`,
      { fields: [{ field: 'styles', message: `at most ${maxActive} styles` }] },
    );
  }
  const taskQueue = TaskQueue.orchestration + (deps.taskQueueSuffix ?? '');
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof tenantAdmissionWorkflow>(
    'tenantAdmissionWorkflow',
    {
      workflowId: tenantAdmissionWorkflowId(req.tenantId, deps.taskQueueSuffix),
      taskQueue,
      args: [{ tenantId: req.tenantId }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      staticSummary: `Admission of tenant '${req.tenantId}' (per-tenant limits)`,
    },
  );
  const decision: AdmissionDecision = await deps.client.workflow.executeUpdateWithStart(
    admitSubmissionUpdate,
    {
      args: [{ workflowId: req.workflowId, weight: req.weight, maxActive, rate }],
      startWorkflowOperation,
    },
  );
  const quota: SubmissionQuota = { rate: decision.rate, retryAfterSeconds: decision.retryAfterSeconds };
  if (decision.admitted) return quota;
  if (decision.refusal === 'tenant_rate_limited') {
    throw new JobServiceError(
      'TenantRateLimited',
      `tenant '${req.tenantId}' is submitting faster than its rate limit; retry in ${decision.retryAfterSeconds} s`,
      { quota },
    );
  }
  throw new JobServiceError(
    'TenantActiveLimit',
    `tenant '${req.tenantId}' has ${decision.active} of ${decision.maxActive} active jobs (queued or running); ` +
      'submit again once some finish, or cancel some',
    { quota, facts: { activeJobs: decision.active, maxActiveJobs: decision.maxActive } },
  );
}
