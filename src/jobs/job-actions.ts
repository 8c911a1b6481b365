/**
 * Cancel, pause, resume and priority changes. Each is idempotent: asking for the
 * state a job is already in (or on its way to) succeeds again. Signals queue up in
 * the workflow's history even while no worker runs, and are handled in order, so a
 * pause followed by a resume always ends resumed.
 */
import { type Client } from '@temporalio/client';
import { trainingWorkflowId, type JobRef } from '../../workflows/job-identity.ts';
import { pauseSignal, resumeSignal, setPriorityUpdate } from '../../workflows/messages.ts';
import { statusAndPhaseOf } from './build-job-view.ts';
import { describeJob, type JobFacts, type JobLookupDeps } from './describe-job.ts';
import { JobServiceError } from './job-service-error.ts';

export type JobAction = 'cancel' | 'pause' | 'resume';

function refuse(action: string, facts: JobFacts, why: string): never {
  const { status, phase } = statusAndPhaseOf(facts);
  throw new JobServiceError('InvalidState', `cannot ${action} job '${facts.jobId}': ${why}`, {
    facts: { jobStatus: status, phase },
  });
}

function refuseIfFinished(action: string, facts: JobFacts): void {
  const { status } = statusAndPhaseOf(facts);
  if (status === 'succeeded' || status === 'failed' || status === 'cancelled')
    refuse(action, facts, `it has already ${status}`);
}

/** Applies the action; returns the facts to answer with (fresh after a change). */
export async function actOnJob(deps: JobLookupDeps, ref: JobRef, action: JobAction): Promise<JobFacts> {
  const facts = await describeJob(deps, ref);
  const { status, phase } = statusAndPhaseOf(facts);
  const handle = deps.client.workflow.getHandle(trainingWorkflowId(ref));
  if (action === 'cancel') {
    if (status === 'cancelled') return facts;
    refuseIfFinished(action, facts);
    await handle.cancel();
  } else {
    refuseIfFinished(action, facts);
    if (phase === 'cancelling') refuse(action, facts, 'it is being cancelled');
    if (action === 'pause') await handle.signal(pauseSignal, { reason: 'api' });
    else await handle.signal(resumeSignal, { reason: 'api' });
  }
  return describeJob(deps, ref);
}

/**
 * Priority: an update, so the workflow validates it and says whether a waiting training
 * task was re-queued. Updates need a worker; we wait at most `waitMs` for one.
 */
export async function setJobPriority(deps: JobLookupDeps, ref: JobRef, priority: number, waitMs = 5000) {
  refuseIfFinished('change the priority of', await describeJob(deps, ref));
  const client: Client = deps.client;
  const handle = client.workflow.getHandle(trainingWorkflowId(ref));
  const result = await client.withDeadline(Date.now() + waitMs, () =>
    handle.executeUpdate(setPriorityUpdate, { args: [{ priority }] }),
  );
  return { facts: await describeJob(deps, ref), result };
}
