/**
 * Tells a job's workflow when an attempt of one of its activities failed and will be
 * retried, and why (`attemptFailed` signal). Temporal writes no history event per failed
 * attempt — the cause sits only in the pending activity's `lastFailure` and is gone once
 * a later attempt succeeds — so without this the event log could not say that a full
 * disk or an S3 outage was being retried.
 */
import { activityInfo, getClient, log, type Info } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { attemptFailedSignal } from '../workflows/messages.ts';
import { STALE_WRITER } from './storage-failure.ts';

/** A report must not hold the failure up for long when Temporal itself is slow. */
const REPORT_DEADLINE_MS = 2_000;

/**
 * Whether the server will run another attempt after `err`, as far as the attempt can
 * tell: not after a cancellation (pause, cancel, shutdown), a non-retryable failure, a
 * superseded attempt (its outcome is discarded anyway) or the last allowed attempt.
 */
export function willRetry(err: unknown, info: Pick<Info, 'attempt' | 'retryPolicy'>): boolean {
  if (err instanceof CancelledFailure) return false;
  if (err instanceof ApplicationFailure) {
    if (err.nonRetryable || err.type === STALE_WRITER) return false;
    if (err.type && info.retryPolicy?.nonRetryableErrorTypes?.includes(err.type)) return false;
  }
  const max = info.retryPolicy?.maximumAttempts ?? 0;
  return max <= 0 || info.attempt < max;
}

async function report(err: unknown, input: unknown): Promise<void> {
  const info = activityInfo();
  const execution = info.workflowExecution;
  if (!execution || !willRetry(err, info)) return;
  const run = (input as { run?: unknown } | undefined)?.run;
  const code = err instanceof ApplicationFailure ? (err.type ?? 'Error') : ((err as Error).name ?? 'Error');
  const client = getClient();
  await client
    .withDeadline(Date.now() + REPORT_DEADLINE_MS, () =>
      client.workflow.getHandle(execution.workflowId, execution.runId).signal(attemptFailedSignal, {
        activity: info.activityType,
        ...(typeof run === 'number' && { run }),
        attempt: info.attempt,
        error: { code, message: (err as Error).message ?? String(err) },
      }),
    )
    .catch((e: unknown) => log.warn('retry report not delivered', { error: String(e) }));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function withRetryReport<F extends (...args: any[]) => Promise<unknown>>(fn: F): F {
  const wrapped = async (...args: Parameters<F>) => {
    try {
      return await fn(...args);
    } catch (err) {
      await report(err, args[0]);
      throw err;
    }
  };
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  return wrapped as F;
}

/** Wraps every activity of a job's workflow (not webhooks: they never hold a job up). */
export function reportRetriesOf<T extends Record<string, (...args: never[]) => Promise<unknown>>>(
  activities: T,
): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [name, withRetryReport(fn as never)]),
  ) as unknown as T;
}
