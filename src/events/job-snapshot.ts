/**
 * What describe() adds to the history: the live progress sample (the training activity's
 * last heartbeat, which history never records) and why the running attempt is a retry.
 * Tenancy is checked on every snapshot, exactly as the other job routes do.
 */
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { trainingWorkflowId } from '../../workflows/messages.ts';
import { buildJobView } from '../jobs/build-job-view.ts';
import { canSee, factsOf, notFound, type JobFacts, type Viewer } from '../jobs/describe-job.ts';
import { summarizeFailure } from './failure-summary.ts';
import { type ProgressSample } from './job-event.ts';
import { type RetryHint } from './retry-hints.ts';

export interface JobSnapshot {
  facts: JobFacts;
  /** Null unless a training attempt is running and has heartbeated. */
  progress: ProgressSample | null;
  /** The running training attempt, when it is a retry; `run` is filled in by the caller. */
  retry: Omit<RetryHint, 'run'> | null;
}

export async function snapshotJob(client: Client, jobId: string, viewer: Viewer): Promise<JobSnapshot> {
  const description = await client.workflow
    .getHandle(trainingWorkflowId(jobId))
    .describe()
    .catch((err: unknown) => {
      throw err instanceof WorkflowNotFoundError ? notFound(jobId) : err;
    });
  const facts = await factsOf(client, jobId, description);
  if (!facts || !canSee(viewer, facts.memo)) throw notFound(jobId);
  const pending = (description.raw.pendingActivities ?? []).find(
    (a) => a.activityType?.name === 'trainStyle',
  );
  const retry =
    pending && (pending.attempt ?? 1) > 1 && pending.lastFailure
      ? { attempt: pending.attempt ?? 1, failure: summarizeFailure(pending.lastFailure) }
      : null;
  return { facts, progress: progressOf(facts), retry };
}

function progressOf(facts: JobFacts): ProgressSample | null {
  const training = facts.training;
  const running = training?.state === 'started' || training?.state === 'cancel_requested';
  if (!running || !training.heartbeat || facts.executionStatus !== 'RUNNING') return null;
  // The job view's own rules (percent, ETA) so the stream and GET /v1/trainings/{id} agree.
  const view = buildJobView(facts, {
    error: null,
    artifacts: [],
    lastCheckpoint: null,
    queue: null,
    now: new Date(),
  });
  if (!view.progress) return null;
  return {
    ...view.progress,
    attempt: training.attempt,
    eta: view.eta,
    heartbeatAt: training.lastHeartbeatAt?.toISOString() ?? null,
  };
}
