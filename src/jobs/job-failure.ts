/**
 * Why a closed job failed. describe() does not carry the failure; the close event does,
 * and `result()` of a closed execution reads exactly that (no waiting). The workflow
 * fails with an ApplicationFailure whose `type` is the job's error code.
 */
import { type Client, WorkflowFailedError } from '@temporalio/client';
import { GENERIC_FAILURE, jobErrorOf } from '../../workflows/failures.ts';
import { type JobError } from '../../workflows/job-view.ts';
import { trainingWorkflowId, type JobRef } from '../../workflows/job-identity.ts';

/** Only for executions known to be closed as failed: on a running one `result()` would wait. */
export async function failureOfClosedJob(client: Client, ref: JobRef): Promise<JobError> {
  try {
    await client.workflow.getHandle(trainingWorkflowId(ref)).result();
    return { code: GENERIC_FAILURE, message: 'the job failed' };
  } catch (err) {
    if (!(err instanceof WorkflowFailedError)) throw err; // e.g. Temporal unreachable: mapped by the caller's error handler
    return jobErrorOf(err.cause);
  }
}
