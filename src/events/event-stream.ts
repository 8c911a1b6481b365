/**
 * The live feed of one job: its event log, followed as the history grows (long poll),
 * interleaved with progress samples taken from describe() at most every
 * `progressEveryMs` while training runs, and keep-alive comments. Ends after the
 * terminal event. It resumes after any event id (`after`), because ids come from the
 * history: the gateway keeps nothing between connections.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type ProgressSample } from '../jobs/api-job.ts';
import { progressSampleOf } from '../jobs/build-job-view.ts';
import { describeJob, type JobFacts, type JobLookupDeps } from '../jobs/describe-job.ts';
import { type JobRef } from '../../workflows/job-identity.ts';
import { createEventDeriver, type EventDeriver } from './derive-events.ts';
import { type HistoryFact } from './history-facts.ts';
import { compareEventIds, isTerminalEvent, type JobEvent } from './job-event.ts';
import { readHistoryFacts } from './read-history.ts';
import { retryHintsOf } from './retry-hints.ts';

export interface EventSink {
  event(e: JobEvent): Promise<void>;
  progress(p: ProgressSample): Promise<void>;
  keepAlive(): Promise<void>;
}

export interface StreamOptions {
  deps: JobLookupDeps;
  job: JobRef;
  /** Send only events after this id (Last-Event-ID or `after`). */
  after: string | null;
  signal: AbortSignal;
  sink: EventSink;
  progressEveryMs?: number;
  keepAliveMs?: number;
}

/** Phases in which a training attempt may be running and heartbeating. */
const SAMPLED_PHASES = new Set(['training', 'pausing']);
const SNAPSHOT_DEADLINE_MS = 10_000;

/** Streams until the terminal event (returned) or until the signal aborts (null). */
export async function streamJobEvents(opts: StreamOptions): Promise<JobEvent | null> {
  const { deps, job, signal, sink } = opts;
  const { client } = deps;
  const deriver = createEventDeriver();
  const stop = new AbortController();
  const stopped = AbortSignal.any([signal, stop.signal]);
  const snapshot = () => client.withDeadline(Date.now() + SNAPSHOT_DEADLINE_MS, () => describeJob(deps, job));
  const keepAlive = setInterval(() => void sink.keepAlive(), opts.keepAliveMs ?? 15_000);
  const sampling = sampleProgress(deriver, snapshot, sink, opts.progressEveryMs ?? 500, stopped);
  try {
    const seen: HistoryFact[] = [];
    let terminal: JobEvent | null = null;
    for await (const page of readHistoryFacts(client, job, { follow: true, signal: stopped })) {
      for (const fact of page) {
        seen.push(fact);
        await hintIfRetry(deriver, fact, seen, snapshot);
        for (const e of deriver.push(fact)) {
          if (isTerminalEvent(e)) terminal = e;
          if (opts.after && compareEventIds(e.id, opts.after) <= 0) continue;
          await sink.event(e);
        }
        if (deriver.terminal) return terminal;
      }
    }
    return null;
  } catch (err) {
    if (signal.aborted) return null; // the client left; the aborted long poll is not an error
    throw err;
  } finally {
    clearInterval(keepAlive);
    stop.abort();
    await sampling;
  }
}

/** A retried attempt's first report: ask why (history cannot tell yet while it runs). */
async function hintIfRetry(
  deriver: EventDeriver,
  fact: HistoryFact,
  seen: HistoryFact[],
  snapshot: () => Promise<JobFacts>,
) {
  if (fact.kind !== 'signal' || fact.name !== 'trainingReport') return;
  const report = fact.arg as { run?: number; attempt?: number } | null;
  if (
    typeof report?.run !== 'number' ||
    typeof report.attempt !== 'number' ||
    !deriver.needsHint(report.run, report.attempt)
  )
    return;
  const known = retryHintsOf(seen).find((h) => h.run === report.run && h.attempt === report.attempt);
  const live = known ? null : (await snapshot().catch(() => null))?.training;
  const failure = known?.failure ?? (live?.attempt === report.attempt ? live.retryOf : null);
  if (failure) deriver.hintRetry(report.run, report.attempt, failure);
}

async function sampleProgress(
  deriver: EventDeriver,
  snapshot: () => Promise<JobFacts>,
  sink: EventSink,
  everyMs: number,
  stopped: AbortSignal,
): Promise<void> {
  let last = '';
  while (!stopped.aborted) {
    if (SAMPLED_PHASES.has(deriver.phase)) {
      const facts = await snapshot().catch(() => null);
      const progress: ProgressSample | null = facts && progressSampleOf(facts, new Date());
      // Only news is sent: an unchanged heartbeat would repeat the same numbers.
      const key = progress ? `${progress.attempt}:${progress.iteration}:${progress.loss}` : '';
      if (progress && key !== last && !stopped.aborted && !deriver.terminal) {
        last = key;
        await sink.progress(progress);
      }
    }
    await sleep(everyMs, undefined, { signal: stopped }).catch(() => undefined);
  }
}
