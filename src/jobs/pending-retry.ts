/**
 * A job activity that is being retried right now, read from describe()'s pending
 * activities: Temporal writes no history event per failed attempt (the activity's
 * started event appears only once it closes), so while it retries, the attempt and the
 * cause of the last failure (`ENOSPC: no space left on device, …`) live only here.
 */
import { optionalTsToDate } from '@temporalio/common/lib/time.js';
import proto from '@temporalio/proto';
import { JOB_ACTIVITIES } from '../../workflows/activity-names.ts';
import { summarizeFailure, type FailureSummary } from './failure-summary.ts';

type PendingActivity = proto.temporal.api.workflow.v1.IPendingActivityInfo;
const State = proto.temporal.api.enums.v1.PendingActivityState;

export interface PendingRetry {
  /** The activity type, e.g. `trainStyle`. */
  activity: string;
  /** The attempt that failed (the pending one is `failedAttempt + 1`). */
  failedAttempt: number;
  /** True while the next attempt waits for its backoff or a worker; false once it runs. */
  waiting: boolean;
  failure: FailureSummary;
  /** When the failed attempt ended, as far as the server knows. */
  failedAt: Date | null;
  nextAttemptAt: Date | null;
}

/** The first job activity past its first attempt with a recorded failure, else null. */
export function pendingRetryOf(pending: PendingActivity[]): PendingRetry | null {
  const a = pending.find(
    (p) => JOB_ACTIVITIES.includes(p.activityType?.name ?? '') && (p.attempt ?? 1) > 1 && p.lastFailure,
  );
  if (!a) return null;
  return {
    activity: a.activityType?.name ?? '',
    failedAttempt: (a.attempt ?? 2) - 1,
    waiting: a.state === State.PENDING_ACTIVITY_STATE_SCHEDULED,
    failure: summarizeFailure(a.lastFailure),
    failedAt: optionalTsToDate(a.lastAttemptCompleteTime) ?? null,
    nextAttemptAt: optionalTsToDate(a.nextAttemptScheduleTime) ?? null,
  };
}
