/**
 * Activity options of the training workflow, with the reasons for each choice.
 * `cancellationType` is always explicit: left unset it means TRY_CANCEL, which would
 * let the workflow move on while the trainer is still running.
 */
import { ActivityCancellationType, type ActivityOptions } from '@temporalio/workflow';
import { PERMANENT_FAILURE_TYPES } from './failures.ts';
import { TaskQueue } from './task-queues.ts';

/**
 * The training queue that pairs with the workflow's own queue: `atelier.orchestration`
 * trains on `atelier.training`; a suffixed queue (test isolation) on the same suffix.
 */
export function trainingQueueFor(workflowTaskQueue: string): string {
  const suffix = workflowTaskQueue.startsWith(TaskQueue.orchestration)
    ? workflowTaskQueue.slice(TaskQueue.orchestration.length)
    : '';
  return TaskQueue.training + suffix;
}

/**
 * Decode, publish and cleanup: short, idempotent, retried a few times on
 * infrastructure errors. They run on the workflow's own (orchestration) queue.
 */
export const lightActivityOptions: ActivityOptions = {
  startToCloseTimeout: '5 minutes',
  // They heartbeat every second while running (activities/keep-alive.ts): a lost worker shows in 5 s.
  heartbeatTimeout: '5s',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    maximumAttempts: 5,
    nonRetryableErrorTypes: [...PERMANENT_FAILURE_TYPES],
  },
};

/**
 * Training: the heartbeat timeout is the crash detector (a dead worker is noticed in
 * seconds and the next attempt resumes from the latest checkpoint); retries are
 * unbounded in count but bounded in time, since each attempt continues the work.
 */
export function trainingActivityOptions(taskQueue: string, heartbeatTimeoutMs: number): ActivityOptions {
  return {
    taskQueue,
    startToCloseTimeout: '12 hours',
    scheduleToCloseTimeout: '7 days',
    heartbeatTimeout: heartbeatTimeoutMs,
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: {
      // The first retry after a lost worker comes 0.2 s after the heartbeat timeout, so a
      // free worker runs the job again about a second after the timeout (bench:
      // recovery_after_kill_s); repeated failures back off to a minute.
      initialInterval: '200ms',
      backoffCoefficient: 2,
      maximumInterval: '1 minute',
      nonRetryableErrorTypes: [...PERMANENT_FAILURE_TYPES],
    },
  };
}

/** Notifications never fail the job; their own retries run for up to a day. */
export const webhookActivityOptions: ActivityOptions = {
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '24 hours',
  cancellationType: ActivityCancellationType.TRY_CANCEL,
  retry: {
    initialInterval: '5s',
    backoffCoefficient: 2,
    maximumInterval: '1 hour',
    nonRetryableErrorTypes: ['WebhookRefused'],
  },
};
