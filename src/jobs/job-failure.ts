/**
 * Why a closed job failed. describe() does not carry the failure; the close event does,
 * and `result()` of a closed execution reads exactly that (no waiting). The workflow
 * fails with an ApplicationFailure whose `type` is the job's error code.
 */
import { type Client, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, TerminatedFailure, TimeoutFailure } from '@temporalio/common';
import { type JobError } from '../../workflows/job-view.ts';
import { trainingWorkflowId } from '../../workflows/messages.ts';

export function jobErrorOf(err: unknown): JobError {
  const cause = err instanceof WorkflowFailedError ? err.cause : err;
  if (cause instanceof ApplicationFailure)
    return { code: cause.type ?? 'TrainingFailed', message: cause.message };
  if (cause instanceof TerminatedFailure)
    return { code: 'Terminated', message: cause.message || 'the job was terminated by an operator' };
  if (cause instanceof TimeoutFailure)
    return { code: 'TimedOut', message: cause.message || 'the job timed out' };
  return { code: 'TrainingFailed', message: cause instanceof Error ? cause.message : 'the job failed' };
}

/** Only for executions known to be closed as failed: on a running one `result()` would wait. */
export async function failureOfClosedJob(client: Client, jobId: string): Promise<JobError> {
  try {
    await client.workflow.getHandle(trainingWorkflowId(jobId)).result();
    return { code: 'TrainingFailed', message: 'the job failed' };
  } catch (err) {
    if (!(err instanceof WorkflowFailedError)) throw err; // e.g. Temporal unreachable: mapped by the caller's error handler
    return jobErrorOf(err);
  }
}
