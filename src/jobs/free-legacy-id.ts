/**
 * The old service kept no history: a stopped job was gone, and queueing its id again
 * queued a new job. On the old API an id therefore names the latest job queued with it.
 * Before a new run can take the id, the job holding it is cleared — deleted like
 * DELETE does (tombstone, data, record) — when it was stopped, or when it finished
 * and the new request differs (the same request again is a retry: it answers with the
 * same job). A job still running keeps its id: the new request gets it only if it is
 * the same request (an IdConflict otherwise). One still stopping is given a few seconds
 * to clean up after itself, then terminated: the client already saw it gone, and
 * deleting it removes its data anyway (a queued job with no worker to act on its cancel
 * would otherwise hold the id indefinitely).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkflowNotFoundError } from '@temporalio/client';
import { trainingWorkflowId, type JobRef } from '../../workflows/job-identity.ts';
import { isTerminalPhase } from '../../workflows/job-view.ts';
import { isBeingStopped, statusAndPhaseOf } from './build-job-view.ts';
import { describeJob, type JobFacts } from './describe-job.ts';
import { deleteJob } from './delete-job.ts';
import { type JobServiceDeps } from './job-service-deps.ts';
import { JobServiceError } from './job-service-error.ts';

/** How long a queueTrain waits for the stopped job holding its id to finish its own cleanup. */
const STOPPING_WAIT_MS = 5_000;

export async function freeLegacyId(deps: JobServiceDeps, ref: JobRef, fingerprint: string): Promise<void> {
  const find = () =>
    describeJob(deps, ref).catch((err: unknown) =>
      err instanceof JobServiceError && err.kind === 'JobNotFound' ? null : Promise.reject(err),
    );
  let facts: JobFacts | null = await find();
  const deadline = Date.now() + STOPPING_WAIT_MS;
  while (facts && isBeingStopped(facts) && Date.now() < deadline) {
    await sleep(250);
    facts = await find();
  }
  if (!facts) return;
  const { status, phase } = statusAndPhaseOf(facts);
  const finished = facts.executionStatus !== 'RUNNING' || isTerminalPhase(phase);
  const stopping = isBeingStopped(facts);
  if (!stopping && (!finished || (status !== 'cancelled' && facts.memo.fingerprint === fingerprint))) return;
  // A stopping job ran out of time; a finished job still open only delivers its last
  // notifications. Either way the new job replaces it.
  if (facts.executionStatus === 'RUNNING')
    await deps.client.workflow
      .getHandle(trainingWorkflowId(ref), facts.runId)
      .terminate('replaced by a new job queued with the same id (old API)')
      .catch((err: unknown) => (err instanceof WorkflowNotFoundError ? undefined : Promise.reject(err)));
  await deleteJob(deps, ref);
}
