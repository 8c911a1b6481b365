/**
 * The few kinds of workflow history events the event log is built from, with their
 * payloads decoded (through the client's data converter, so a payload codec would be
 * honoured). Everything else in the history (workflow tasks, markers, …) is dropped here.
 */
import { type Client } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow/index.js';
import { optionalTsToDate } from '@temporalio/common/lib/time.js';
import type proto from '@temporalio/proto';
import type { Payload } from '@temporalio/common';
import { summarizeFailure, type FailureSummary } from '../jobs/failure-summary.ts';

type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;

export type ClosedStatus = 'completed' | 'failed' | 'cancelled' | 'terminated' | 'timed_out';

export type FactBody =
  | { kind: 'started'; input: Record<string, unknown> | null }
  | { kind: 'phase'; phase: string }
  | { kind: 'activity_scheduled'; activityType: string }
  | {
      kind: 'activity_started';
      scheduledEventId: number;
      attempt: number;
      lastFailure: FailureSummary | null;
    }
  | { kind: 'activity_completed'; scheduledEventId: number; result: unknown }
  | { kind: 'activity_failed'; scheduledEventId: number; failure: FailureSummary }
  | { kind: 'signal'; name: string; arg: unknown }
  | { kind: 'update_accepted'; name: string }
  | { kind: 'update_completed'; acceptedEventId: number; result: unknown; failed: boolean }
  | { kind: 'closed'; status: ClosedStatus; failure: FailureSummary | null };

export type HistoryFact = FactBody & { eventId: number; at: string };

/** Decodes the first payload; a payload we cannot decode is reported as absent, never thrown. */
function firstOf(client: Client, payloads: Payload[] | null | undefined): Promise<unknown> {
  if (!payloads?.length) return Promise.resolve(null);
  return decodeFromPayloadsAtIndex<unknown>(client.options.loadedDataConverter, 0, payloads).catch(
    () => null,
  );
}

function phaseOf(e: HistoryEvent): string | null {
  const field =
    e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.TrainingPhase;
  if (!field?.data?.length) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(field.data).toString('utf8'));
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

async function bodyOf(client: Client, e: HistoryEvent): Promise<FactBody | null> {
  const started = e.workflowExecutionStartedEventAttributes;
  if (started)
    return {
      kind: 'started',
      input: (await firstOf(client, started.input?.payloads)) as Record<string, unknown> | null,
    };
  if (e.upsertWorkflowSearchAttributesEventAttributes) {
    const phase = phaseOf(e);
    return phase ? { kind: 'phase', phase } : null;
  }
  const scheduled = e.activityTaskScheduledEventAttributes;
  if (scheduled) return { kind: 'activity_scheduled', activityType: scheduled.activityType?.name ?? '' };
  const st = e.activityTaskStartedEventAttributes;
  if (st) {
    const lastFailure = st.lastFailure ? summarizeFailure(st.lastFailure) : null;
    return {
      kind: 'activity_started',
      scheduledEventId: Number(st.scheduledEventId),
      attempt: st.attempt ?? 1,
      lastFailure,
    };
  }
  const done = e.activityTaskCompletedEventAttributes;
  if (done)
    return {
      kind: 'activity_completed',
      scheduledEventId: Number(done.scheduledEventId),
      result: await firstOf(client, done.result?.payloads),
    };
  const failed = e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes;
  if (failed)
    return {
      kind: 'activity_failed',
      scheduledEventId: Number(failed.scheduledEventId),
      failure: summarizeFailure(failed.failure),
    };
  const signal = e.workflowExecutionSignaledEventAttributes;
  if (signal)
    return {
      kind: 'signal',
      name: signal.signalName ?? '',
      arg: await firstOf(client, signal.input?.payloads),
    };
  const accepted = e.workflowExecutionUpdateAcceptedEventAttributes;
  if (accepted) return { kind: 'update_accepted', name: accepted.acceptedRequest?.input?.name ?? '' };
  const completed = e.workflowExecutionUpdateCompletedEventAttributes;
  if (completed) {
    const outcome = completed.outcome;
    const result = await firstOf(client, outcome?.success?.payloads);
    return {
      kind: 'update_completed',
      acceptedEventId: Number(completed.acceptedEventId),
      result,
      failed: !!outcome?.failure,
    };
  }
  return closedOf(e);
}

function closedOf(e: HistoryEvent): FactBody | null {
  if (e.workflowExecutionCompletedEventAttributes)
    return { kind: 'closed', status: 'completed', failure: null };
  const failed = e.workflowExecutionFailedEventAttributes;
  if (failed) return { kind: 'closed', status: 'failed', failure: summarizeFailure(failed.failure) };
  if (e.workflowExecutionCanceledEventAttributes)
    return { kind: 'closed', status: 'cancelled', failure: null };
  const terminated = e.workflowExecutionTerminatedEventAttributes;
  if (terminated) {
    const failure: FailureSummary = {
      kind: 'other',
      type: 'Terminated',
      message: terminated.reason || 'terminated by an operator',
    };
    return { kind: 'closed', status: 'terminated', failure };
  }
  if (e.workflowExecutionTimedOutEventAttributes) {
    return {
      kind: 'closed',
      status: 'timed_out',
      failure: { kind: 'timeout', type: 'TimedOut', message: 'the workflow timed out' },
    };
  }
  return null;
}

/** The fact behind one history event, or null when the event log ignores that event. */
export async function factOf(client: Client, e: HistoryEvent): Promise<HistoryFact | null> {
  const body = await bodyOf(client, e);
  if (!body) return null;
  const at = (optionalTsToDate(e.eventTime) ?? new Date(0)).toISOString();
  return { ...body, eventId: Number(e.eventId), at };
}
