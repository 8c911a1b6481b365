/**
 * Timing facts from a workflow's event history (server timestamps): end-to-end time
 * from WorkflowExecutionStarted to its close, and the time spent inside activities,
 * each attempt counted from ActivityTaskStarted to its completion.
 */
import { type WorkflowHandle } from '@temporalio/client';

interface Ts {
  seconds?: unknown;
  nanos?: number | null;
}
const ms = (t: Ts | null | undefined) => (t ? Number(t.seconds ?? 0) * 1000 + (t.nanos ?? 0) / 1e6 : NaN);

export interface WorkflowTiming {
  endToEndMs: number;
  activityMs: number;
  activities: { type: string; ms: number }[];
}

export async function workflowTiming(handle: WorkflowHandle): Promise<WorkflowTiming> {
  const events = (await handle.fetchHistory()).events ?? [];
  const typeOf = new Map<string, string>();
  const startedAt = new Map<string, number>();
  const activities: { type: string; ms: number }[] = [];
  let first = NaN;
  let last = NaN;
  for (const e of events) {
    const at = ms(e.eventTime as Ts);
    if (e.workflowExecutionStartedEventAttributes) first = at;
    if (e.workflowExecutionCompletedEventAttributes) last = at;
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled) typeOf.set(String(e.eventId), scheduled.activityType?.name ?? '?');
    const started = e.activityTaskStartedEventAttributes;
    if (started) startedAt.set(String(started.scheduledEventId), at);
    const done = e.activityTaskCompletedEventAttributes;
    if (done) {
      const id = String(done.scheduledEventId);
      activities.push({ type: typeOf.get(id) ?? '?', ms: at - (startedAt.get(id) ?? at) });
    }
  }
  return { endToEndMs: last - first, activityMs: activities.reduce((a, x) => a + x.ms, 0), activities };
}
