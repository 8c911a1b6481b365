/**
 * Queue position and length, from Temporal alone. "Waiting" means: a job in phase
 * `queued` whose (possibly delayed) start has come, or a job in phase `training` whose
 * training activity is SCHEDULED but not yet started. Visibility gives the candidates
 * on one task queue; describe() tells scheduled from started for those in training.
 *
 * Approximations (documented in the API): order is priority, then time of enqueueing,
 * while the server also applies per-tenant fairness and partitions; visibility is
 * eventually consistent; at most `maxScan` candidates are looked at; beyond `exactUpTo`
 * jobs in training, never-started ones are not described (see `scan`); snapshots are
 * shared by all requests and refreshed in the background (see `snapshot`), so a burst
 * of GETs costs one scan and never waits for it.
 */
import { type Client } from '@temporalio/client';
import { jobRefOfWorkflowId, trainingWorkflowId, type JobRef } from '../../workflows/job-identity.ts';
import { TrainingPhaseKey } from '../../workflows/search-attributes.ts';
import { type QueuePlace } from './api-job.ts';
import { factsOf, type JobFacts } from './describe-job.ts';
import { parseJobMemo } from './job-memo.ts';
import { mapBounded } from './map-bounded.ts';

interface QueueEntry {
  /** The workflow id: unique across tenants, unlike the job id. */
  key: string;
  priority: number;
  enqueuedAt: number;
}

export interface QueueTracker {
  /** The job's place; `waiting` says whether the job itself is waiting for a slot. */
  placeOf(facts: JobFacts, waiting: boolean): Promise<QueuePlace>;
  /**
   * The same from the snapshot already held (up to `maxStaleMs` old), or null when there
   * is none: never scans, never waits, never starts a refresh (a submission answers with it).
   */
  cachedPlaceOf(facts: JobFacts, waiting: boolean): QueuePlace | null;
}

const before = (a: QueueEntry, b: QueueEntry) =>
  a.priority < b.priority || (a.priority === b.priority && a.enqueuedAt < b.enqueuedAt);

export function entryOf(f: JobFacts): QueueEntry {
  const enqueuedAt = f.training?.scheduledAt ?? f.executionTime ?? f.startTime;
  return {
    key: trainingWorkflowId(f),
    priority: f.training?.priority ?? f.memo.priority,
    enqueuedAt: enqueuedAt.getTime(),
  };
}

export function createQueueTracker(
  client: Client,
  opts: {
    ttlMs?: number;
    maxStaleMs?: number;
    maxScan?: number;
    exactUpTo?: number;
    concurrency?: number;
  } = {},
): QueueTracker {
  const { ttlMs = 1000, maxStaleMs = 10_000, maxScan = 1000, exactUpTo = 50, concurrency = 16 } = opts;
  const states = new Map<string, { at?: number; value?: QueueEntry[]; inflight?: Promise<QueueEntry[]> }>();

  async function scan(taskQueue: string): Promise<QueueEntry[]> {
    const now = Date.now();
    const query = `WorkflowType = 'styleTrainingWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue}' AND TrainingPhase IN ('queued', 'training')`;
    const waiting: QueueEntry[] = [];
    const training: Array<{ entry: QueueEntry; ref: JobRef; everStarted: boolean }> = [];
    for await (const wf of client.workflow.list({ query, pageSize: 200 })) {
      const ref = jobRefOfWorkflowId(wf.workflowId);
      const memo = parseJobMemo(wf.memo);
      if (!ref || !memo) continue;
      const entry = {
        key: wf.workflowId,
        priority: memo.priority,
        enqueuedAt: (wf.executionTime ?? wf.startTime).getTime(),
      };
      if (wf.typedSearchAttributes.get(TrainingPhaseKey) === 'training')
        training.push({ entry, ref, everStarted: memo.startedAt !== null });
      else if (entry.enqueuedAt <= now) waiting.push(entry); // not a delayed start still in the future
      if (waiting.length + training.length >= maxScan) break;
    }
    // Small queues are described exactly. In a long one, a job that never started training
    // (no `startedAt` in its memo) is certainly waiting, and is taken as it was submitted
    // (memo priority, start time) instead of costing a describe() per second.
    const exact = training.length <= exactUpTo;
    for (const t of training) if (!exact && !t.everStarted) waiting.push(t.entry);
    const toDescribe = training.filter((t) => exact || t.everStarted).map((t) => t.ref);
    const described = await mapBounded(toDescribe, concurrency, async (ref) => {
      const d = await client.workflow
        .getHandle(trainingWorkflowId(ref))
        .describe()
        .catch(() => null);
      const facts = d && (await factsOf(client, ref, d));
      return facts?.training?.state === 'scheduled' ? entryOf(facts) : null;
    });
    return [...waiting, ...described.filter((e): e is QueueEntry => e !== null)];
  }

  /**
   * Stale-while-revalidate: a snapshot younger than `ttlMs` is served as is; an older one
   * (up to `maxStaleMs`) is served while one background scan refreshes it, so requests
   * never wait for a scan except the very first.
   */
  function snapshot(taskQueue: string): Promise<QueueEntry[]> {
    const s = states.get(taskQueue) ?? {};
    states.set(taskQueue, s);
    const age = s.at === undefined ? Infinity : Date.now() - s.at;
    if (s.value && age < ttlMs) return Promise.resolve(s.value);
    s.inflight ??= scan(taskQueue)
      .then((value) => Object.assign(s, { value, at: Date.now() }).value!)
      .finally(() => (s.inflight = undefined));
    if (s.value && age < maxStaleMs) {
      void s.inflight.catch(() => undefined); // a failed refresh is retried by the next request
      return Promise.resolve(s.value);
    }
    return s.inflight;
  }

  function placeIn(entries: QueueEntry[], facts: JobFacts, waiting: boolean): QueuePlace {
    const mine = entryOf(facts);
    const others = entries.filter((e) => e.key !== mine.key);
    if (!waiting) return { position: null, length: others.length };
    // The job itself is counted from its own (fresh) facts, whatever visibility says yet.
    return { position: others.filter((e) => before(e, mine)).length + 1, length: others.length + 1 };
  }

  return {
    async placeOf(facts, waiting) {
      return placeIn(await snapshot(facts.taskQueue), facts, waiting);
    },
    cachedPlaceOf(facts, waiting) {
      const s = states.get(facts.taskQueue);
      const fresh = s?.value && s.at !== undefined && Date.now() - s.at < maxStaleMs;
      return fresh ? placeIn(s.value!, facts, waiting) : null;
    },
  };
}
