/** Reads facts about activities out of a workflow's real event history. */
import { type WorkflowHandle } from '@temporalio/client';

export interface ActivityAttempt {
  activityType: string;
  attempt: number;
}

function millisOf(t: { seconds?: unknown; nanos?: number | null } | null | undefined): number {
  return t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : 0;
}

/** When each attempt of an activity type started (server time, ms). */
export async function activityStartTimes(handle: WorkflowHandle, activityType: string): Promise<number[]> {
  const history = await handle.fetchHistory();
  const scheduled = new Map<string, string>();
  const times: number[] = [];
  for (const e of history.events ?? []) {
    if (e.activityTaskScheduledEventAttributes)
      scheduled.set(String(e.eventId), e.activityTaskScheduledEventAttributes.activityType?.name ?? '');
    const a = e.activityTaskStartedEventAttributes;
    if (a && scheduled.get(String(a.scheduledEventId)) === activityType) times.push(millisOf(e.eventTime));
  }
  return times;
}

/** JSON payloads only; a void result is a `binary/null` payload with no data. */
function decodePayload(data: Uint8Array | null | undefined): unknown {
  return data && data.length ? JSON.parse(Buffer.from(data).toString('utf8')) : undefined;
}

export async function activityFacts(handle: WorkflowHandle) {
  const history = await handle.fetchHistory();
  const scheduled = new Map<string, string>();
  const started: ActivityAttempt[] = [];
  const results: { activityType: string; result: unknown }[] = [];
  const failures: { activityType: string; type?: string | null; nonRetryable?: boolean | null }[] = [];
  /** Activities that confirmed a cancellation, and those that timed out instead. */
  const cancelled: string[] = [];
  const timedOut: string[] = [];
  for (const e of history.events ?? []) {
    const id = String(e.eventId);
    if (e.activityTaskScheduledEventAttributes)
      scheduled.set(id, e.activityTaskScheduledEventAttributes.activityType?.name ?? '');
    if (e.activityTaskStartedEventAttributes) {
      const a = e.activityTaskStartedEventAttributes;
      started.push({
        activityType: scheduled.get(String(a.scheduledEventId)) ?? '',
        attempt: a.attempt ?? 0,
      });
    }
    if (e.activityTaskCompletedEventAttributes) {
      const a = e.activityTaskCompletedEventAttributes;
      results.push({
        activityType: scheduled.get(String(a.scheduledEventId)) ?? '',
        result: decodePayload(a.result?.payloads?.[0]?.data),
      });
    }
    if (e.activityTaskFailedEventAttributes) {
      const a = e.activityTaskFailedEventAttributes;
      const info = a.failure?.applicationFailureInfo;
      failures.push({
        activityType: scheduled.get(String(a.scheduledEventId)) ?? '',
        type: info?.type,
        nonRetryable: info?.nonRetryable,
      });
    }
    if (e.activityTaskCanceledEventAttributes)
      cancelled.push(scheduled.get(String(e.activityTaskCanceledEventAttributes.scheduledEventId)) ?? '');
    if (e.activityTaskTimedOutEventAttributes)
      timedOut.push(scheduled.get(String(e.activityTaskTimedOutEventAttributes.scheduledEventId)) ?? '');
  }
  return { started, results, failures, cancelled, timedOut };
}

/** The payloads of every signal of that name the workflow received, in order. */
export async function signalsOf<T>(handle: WorkflowHandle, signalName: string): Promise<T[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? [])
    .map((e) => e.workflowExecutionSignaledEventAttributes)
    .filter((a) => a?.signalName === signalName)
    .map((a) => decodePayload(a!.input?.payloads?.[0]?.data) as T);
}

/**
 * The phases a job's workflow wrote to its `TrainingPhase` search attribute, in history
 * order, and the memo fields it upserted: each write is a history event of its own.
 */
export async function visibilityWrites(handle: WorkflowHandle) {
  const history = await handle.fetchHistory();
  const phases: unknown[] = [];
  const memoFields: string[] = [];
  for (const e of history.events ?? []) {
    const phase =
      e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.TrainingPhase;
    if (phase) phases.push(decodePayload(phase.data));
    const memo = e.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields;
    if (memo) memoFields.push(...Object.keys(memo));
  }
  return { phases, memoFields, events: history.events?.length ?? 0 };
}
