/**
 * Cancel, pause, resume and priority changes. Each is idempotent: asking for the
 * state a job is already in (or on its way to) succeeds again. Signals queue up in
 * the workflow's history even while no worker runs, and are handled in order, so a
 * pause followed by a resume always ends resumed.
 */
import { type Client } from '@temporalio/client';
import {
  pauseSignal,
  resumeSignal,
  setPriorityUpdate,
  trainingWorkflowId,
} from '../../workflows/messages.ts';
import { statusAndPhaseOf } from './build-job-view.ts';
import { describeJob, type JobFacts, type Viewer } from './describe-job.ts';
import { JobServiceError } from './job-service-error.ts';

export type JobAction = 'cancel' | 'pause' | 'resume';

function refuse(action: string, facts: JobFacts, why: string): never {
  const { status, phase } = statusAndPhaseOf(facts);
  throw new JobServiceError('InvalidState', `cannot ${action} job '${facts.jobId}': ${why}`, {
    facts: { jobStatus: status, phase },
  });
}

/** Applies the action; returns the facts to answer with (fresh after a change). */
export async function actOnJob(
  client: Client,
  jobId: string,
  viewer: Viewer,
  action: JobAction,
): Promise<JobFacts> {
  const facts = await describeJob(client, jobId, viewer);
  const { status, phase } = statusAndPhaseOf(facts);
  const handle = client.workflow.getHandle(trainingWorkflowId(jobId));
  if (action === 'cancel') {
    if (status === 'cancelled') return facts;
    if (status === 'succeeded' || status === 'failed') refuse(action, facts, `it has already ${status}`);
    await handle.cancel();
  } else {
    if (status === 'succeeded' || status === 'failed' || status === 'cancelled')
      refuse(action, facts, `it has already ${status}`);
    if (phase === 'cancelling') refuse(action, facts, 'it is being cancelled');
    if (action === 'pause') await handle.signal(pauseSignal, { reason: 'api' });
    else await handle.signal(resumeSignal, { reason: 'api' });
  }
  return describeJob(client, jobId, viewer);
}

/**
 * Priority: an update, so the workflow validates it and says whether a waiting training
 * task was re-queued. Updates need a worker; we wait at most `waitMs` for one.
 */
export async function setJobPriority(
  client: Client,
  jobId: string,
  viewer: Viewer,
  priority: number,
  waitMs = 5000,
) {
  const facts = await describeJob(client, jobId, viewer);
  const { status } = statusAndPhaseOf(facts);
  if (status === 'succeeded' || status === 'failed' || status === 'cancelled')
    refuse('change the priority of', facts, `it has already ${status}`);
  const handle = client.workflow.getHandle(trainingWorkflowId(jobId));
  const result = await client.withDeadline(Date.now() + waitMs, () =>
    handle.executeUpdate(setPriorityUpdate, { args: [{ priority }] }),
  );
  return { facts: await describeJob(client, jobId, viewer), result };
}
