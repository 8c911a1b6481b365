/**
 * Why a training attempt was retried. Temporal records no event per failed attempt; the
 * reasons come from two places: the started event of a training activity (written when
 * it closes) holds its final attempt and the failure before it, and while it runs,
 * describe()'s pending activity holds the same for the current attempt.
 */
import { TRAIN_ACTIVITY } from '../../workflows/activity-names.ts';
import { type FailureSummary } from '../jobs/failure-summary.ts';
import { type HistoryFact } from './history-facts.ts';

export interface RetryHint {
  run: number;
  attempt: number;
  failure: FailureSummary;
}

/** The retry reasons in the history read so far. */
export function retryHintsOf(facts: HistoryFact[]): RetryHint[] {
  const runOf = new Map<number, number>();
  const hints: RetryHint[] = [];
  for (const f of facts) {
    if (f.kind === 'activity_scheduled' && f.activityType === TRAIN_ACTIVITY)
      runOf.set(f.eventId, runOf.size + 1);
    const run = f.kind === 'activity_started' ? runOf.get(f.scheduledEventId) : undefined;
    if (f.kind === 'activity_started' && run !== undefined && f.attempt > 1 && f.lastFailure) {
      hints.push({ run, attempt: f.attempt, failure: f.lastFailure });
    }
  }
  return hints;
}
