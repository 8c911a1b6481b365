/**
 * A Temporal failure reduced to what a job's owner can act on. A heartbeat timeout is
 * singled out: it is how the server notices a training worker that died (SIGKILL,
 * crash, lost machine) — the next attempt then resumes from the latest checkpoint.
 */
import proto from '@temporalio/proto';

type Failure = proto.temporal.api.failure.v1.IFailure;
const TimeoutType = proto.temporal.api.enums.v1.TimeoutType;

export interface FailureSummary {
  kind: 'worker_lost' | 'timeout' | 'error' | 'cancelled' | 'other';
  /** ApplicationFailure type (our closed vocabulary in activities/errors.ts), when there is one. */
  type: string | null;
  message: string;
}

/** The innermost application failure carries the job's error code; wrappers only add context. */
function innermost(f: Failure): Failure {
  let current = f;
  while (current.cause && !current.applicationFailureInfo) current = current.cause;
  return current;
}

export function summarizeFailure(failure: Failure | null | undefined): FailureSummary {
  if (!failure) return { kind: 'other', type: null, message: 'unknown failure' };
  const timeout = failure.timeoutFailureInfo;
  if (timeout) {
    const heartbeat = timeout.timeoutType === TimeoutType.TIMEOUT_TYPE_HEARTBEAT;
    return heartbeat
      ? {
          kind: 'worker_lost',
          type: 'HeartbeatTimeout',
          message: 'the worker stopped heartbeating (lost or crashed)',
        }
      : { kind: 'timeout', type: 'Timeout', message: failure.message || 'timed out' };
  }
  if (failure.canceledFailureInfo)
    return { kind: 'cancelled', type: null, message: failure.message || 'cancelled' };
  const inner = innermost(failure);
  if (inner.applicationFailureInfo)
    return { kind: 'error', type: inner.applicationFailureInfo.type || null, message: inner.message ?? '' };
  return { kind: 'other', type: null, message: inner.message || failure.message || 'unknown failure' };
}
