/**
 * What the job view says while one of its activities retries: status `retrying` instead
 * of "queued" (the task waits for its backoff, not for a training slot) or a flapping
 * "running", and `lastError` with the cause Temporal holds only in the pending
 * activity's last failure. Pure, like build-job-view.ts.
 */
import { type JobFacts } from './describe-job.ts';
import { type LastError } from './api-job.ts';

/**
 * The attempt did not fail, its worker went away (crashed, lost, shut down): the next
 * attempt waits for a worker like any queued task, and says so (queued, with its place).
 */
const WORKER_GONE = new Set(['HeartbeatTimeout', 'WorkerShutdown']);
const workerWentAway = (f: NonNullable<JobFacts['retry']>) =>
  f.failure.kind === 'worker_lost' || WORKER_GONE.has(f.failure.type ?? '');

/**
 * True while the job is held up by a retry after a failure: the next attempt waits for
 * its backoff, or it runs but has not got past the trouble yet — for training, storage
 * failing in a row with no checkpoint written since (the count in its heartbeat resets
 * on the first written checkpoint); a short activity (decode, publish) is in trouble
 * until it completes. An attempt after a lost worker waits for a worker (queued) and,
 * once resumed, is plain running.
 */
export function isRetrying(f: JobFacts): boolean {
  const retry = f.retry;
  if (f.executionStatus !== 'RUNNING' || !retry || workerWentAway(retry)) return false;
  if (retry.waiting) return true;
  if (retry.activity !== 'trainStyle') return true;
  return (f.training?.heartbeat?.storageFailures ?? 0) > 0;
}

/** The failure the current retry follows, for as long as the failed activity is pending. */
export function lastErrorOf(f: JobFacts): LastError | null {
  const retry = f.executionStatus === 'RUNNING' ? f.retry : null;
  if (!retry) return null;
  return {
    code: retry.failure.type ?? retry.failure.kind,
    message: retry.failure.message,
    activity: retry.activity,
    attempt: retry.failedAttempt,
    at: retry.failedAt?.toISOString() ?? null,
    nextAttemptAt: retry.nextAttemptAt?.toISOString() ?? null,
  };
}
