/**
 * The whole event log of one job, read from its history (all pages), plus the current
 * progress sample. Paging over it is by event id (`after`), so a page boundary never
 * moves when new events are appended.
 */
import { TRAIN_ACTIVITY } from '../../workflows/activity-names.ts';
import { progressSampleOf } from '../jobs/build-job-view.ts';
import { describeJob, type JobLookupDeps } from '../jobs/describe-job.ts';
import { type JobRef } from '../../workflows/job-identity.ts';
import { type ProgressSample } from '../jobs/api-job.ts';
import { createEventDeriver } from './derive-events.ts';
import { type HistoryFact } from './history-facts.ts';
import { compareEventIds, type JobEvent } from './job-event.ts';
import { readHistoryFacts } from './read-history.ts';
import { retryHintsOf } from './retry-hints.ts';

export interface EventLog {
  events: JobEvent[];
  progress: ProgressSample | null;
}

export interface EventPage {
  data: JobEvent[];
  hasMore: boolean;
  /** Pass as `after` for the next page — or, once `hasMore` is false, to poll for newer events. */
  nextCursor: string | null;
}

export async function readEventLog(deps: JobLookupDeps, ref: JobRef): Promise<EventLog> {
  // Describe first: it is the tenancy check, and nothing of another tenant's job is read.
  const job = await describeJob(deps, ref);
  const facts: HistoryFact[] = [];
  for await (const page of readHistoryFacts(deps.client, ref, { follow: false })) facts.push(...page);
  const deriver = createEventDeriver();
  for (const hint of retryHintsOf(facts)) deriver.hintRetry(hint.run, hint.attempt, hint.failure);
  const running = job.training;
  if (running?.retryOf) {
    const runs = facts.filter(
      (f) => f.kind === 'activity_scheduled' && f.activityType === TRAIN_ACTIVITY,
    ).length;
    deriver.hintRetry(runs, running.attempt, running.retryOf);
  }
  return { events: facts.flatMap((f) => deriver.push(f)), progress: progressSampleOf(job, new Date()) };
}

export function pageOf(events: JobEvent[], after: string | undefined, limit: number): EventPage {
  const rest = after ? events.filter((e) => compareEventIds(e.id, after) > 0) : events;
  const data = rest.slice(0, limit);
  return { data, hasMore: rest.length > limit, nextCursor: data.at(-1)?.id ?? after ?? null };
}
