/**
 * A job's event log entry. Every event is derived from one workflow history event, and
 * its id is that history event's id (plus `-n` for the n-th further event derived from
 * the same history event), so ids are stable, ordered, and need no storage of their own:
 * any gateway, restarted or not, derives the same ids from the same history.
 */
export const JOB_EVENT_TYPES = [
  'created',
  'decoding',
  'training_queued',
  'attempt_started',
  'checkpoint',
  'retried',
  'pausing',
  'paused',
  'resumed',
  'priority_changed',
  'publishing',
  'published',
  'cancelling',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export type JobEventType = (typeof JOB_EVENT_TYPES)[number];

export const TERMINAL_EVENT_TYPES: readonly JobEventType[] = ['succeeded', 'failed', 'cancelled'];

export interface JobEvent {
  id: string;
  type: JobEventType;
  /** When the history event was recorded (server time, ISO 8601). */
  at: string;
  /** One line for people (CLI, console). */
  message: string;
  data: Record<string, unknown>;
}

export const EVENT_ID_PATTERN = /^[1-9][0-9]{0,15}(-[1-9][0-9]{0,2})?$/;

export function eventIdOf(historyEventId: number, n: number): string {
  return n === 0 ? String(historyEventId) : `${historyEventId}-${n}`;
}

/** Orders two event ids; both must match EVENT_ID_PATTERN. */
export function compareEventIds(a: string, b: string): number {
  const [ah, an = '0'] = a.split('-');
  const [bh, bn = '0'] = b.split('-');
  return Number(ah) - Number(bh) || Number(an) - Number(bn);
}

export const isTerminalEvent = (e: JobEvent) => TERMINAL_EVENT_TYPES.includes(e.type);
