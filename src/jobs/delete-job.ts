/**
 * DELETE: cancel if running, then remove the stored data at once and the execution
 * record too. Temporal deletes executions asynchronously (within seconds on a cluster,
 * up to a minute on the dev server), so a tombstone naming the deleted run is written
 * first: from then on the job reads as not found everywhere, at once, and the old API
 * may queue its id again. Cancellation needs the workflow's cleanup to run on a worker,
 * so we wait a little for it; if the job has not closed by then the answer is
 * "accepted, still cancelling" and a repeated DELETE finishes the job. Deleting data
 * under a still-running trainer would race its writes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isGrpcServiceError } from '@temporalio/client';
import { trainingWorkflowId, type JobRef } from '../../workflows/job-identity.ts';
import { describeJob, type JobFacts } from './describe-job.ts';
import { type JobServiceDeps } from './job-service-deps.ts';

const GRPC_NOT_FOUND = 5;

export type DeleteOutcome = { deleted: true } | { deleted: false; facts: JobFacts };

export async function deleteJob(
  deps: Pick<JobServiceDeps, 'client' | 'namespace' | 'storage'>,
  ref: JobRef,
  waitMs = 5000,
): Promise<DeleteOutcome> {
  const { client } = deps;
  let facts = await describeJob(deps, ref);
  const workflowId = trainingWorkflowId(ref);
  if (facts.executionStatus === 'RUNNING') {
    await client.workflow.getHandle(workflowId).cancel();
    const deadline = Date.now() + waitMs;
    while (facts.executionStatus === 'RUNNING' && Date.now() < deadline) {
      await sleep(200);
      facts = await describeJob(deps, ref);
    }
    if (facts.executionStatus === 'RUNNING') return { deleted: false, facts };
  }
  await deps.storage.writeTombstone(ref, facts.runId);
  await deps.storage.deleteJobData(ref.jobId);
  try {
    await client.workflowService.deleteWorkflowExecution({
      namespace: deps.namespace,
      workflowExecution: { workflowId, runId: facts.runId },
    });
  } catch (err) {
    // Deleted concurrently (or by retention): the goal is reached either way.
    if (!(isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND)) throw err;
  }
  return { deleted: true };
}
