/**
 * DELETE: cancel if running, then remove the stored data at once and the execution
 * record too. Temporal deletes executions asynchronously (within seconds on a cluster,
 * up to a minute on the dev server): until then GET still shows the job, without
 * artifacts, and its id cannot be reused. Cancellation needs the
 * workflow's cleanup to run on a worker, so we wait a little for it; if the job has not
 * closed by then the answer is "accepted, still cancelling" and a repeated DELETE
 * finishes the job. Deleting data under a still-running trainer would race its writes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Client, isGrpcServiceError } from '@temporalio/client';
import { trainingWorkflowId } from '../../workflows/messages.ts';
import { type Storage } from '../storage/types.ts';
import { describeJob, jobRefOf, type JobFacts, type Viewer } from './describe-job.ts';

const GRPC_NOT_FOUND = 5;

export type DeleteOutcome = { deleted: true } | { deleted: false; facts: JobFacts };

export async function deleteJob(
  deps: { client: Client; namespace: string; storage: Storage },
  jobId: string,
  viewer: Viewer,
  waitMs = 5000,
): Promise<DeleteOutcome> {
  const { client } = deps;
  let facts = await describeJob(client, jobId, viewer);
  const workflowId = trainingWorkflowId(jobId);
  if (facts.executionStatus === 'RUNNING') {
    await client.workflow.getHandle(workflowId).cancel();
    const deadline = Date.now() + waitMs;
    while (facts.executionStatus === 'RUNNING' && Date.now() < deadline) {
      await sleep(200);
      facts = await describeJob(client, jobId, viewer);
    }
    if (facts.executionStatus === 'RUNNING') return { deleted: false, facts };
  }
  await deps.storage.deleteJobData(jobRefOf(facts));
  try {
    await client.workflowService.deleteWorkflowExecution({
      namespace: deps.namespace,
      workflowExecution: { workflowId },
    });
  } catch (err) {
    // Deleted concurrently (or by retention): the goal is reached either way.
    if (!(isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND)) throw err;
  }
  return { deleted: true };
}
