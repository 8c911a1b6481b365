/**
 * Assembles the API job: describe() facts, plus — only where the state calls for it —
 * the failure (closed failed jobs), the artifact list (succeeded), the latest
 * checkpoint (no live heartbeat) and the queue place (not finished).
 */
import { trainingWorkflowId, type JobRef } from '../../workflows/job-identity.ts';
import { statusQuery } from '../../workflows/messages.ts';
import { type JobError } from '../../workflows/job-view.ts';
import { type Storage } from '../storage/types.ts';
import { type ApiJob } from './api-job.ts';
import { buildJobView, statusAndPhaseOf } from './build-job-view.ts';
import { describeJob, type JobFacts, type JobLookupDeps } from './describe-job.ts';
import { failureOfClosedJob } from './job-failure.ts';
import { isRetrying } from './retry-view.ts';
import { type QueueTracker } from './queue-tracker.ts';

export interface ViewOptions {
  /**
   * `cached`: the queue place only from the snapshot the tracker already holds, null
   * without one (a submission's answer never scans or waits for a scan).
   */
  queue?: 'current' | 'cached';
}

export interface JobReader {
  get(ref: JobRef): Promise<ApiJob>;
  fromFacts(facts: JobFacts, opts?: ViewOptions): Promise<ApiJob>;
}

/** A job whose `startAt` has not come yet is not waiting for a slot. */
const delayed = (f: JobFacts) => f.memo.scheduledFor !== null && Date.parse(f.memo.scheduledFor) > Date.now();

/** The part of a published manifest.json (activities/publish-artifacts.ts) the view reads. */
interface PublishedManifest {
  metrics?: { iterations: number; finalLoss: number | null };
}

const CLOSED_FAILED = new Set(['FAILED', 'TERMINATED', 'TIMED_OUT']);

export function createJobReader(deps: JobLookupDeps & { storage: Storage; queue: QueueTracker }): JobReader {
  const { client, storage, queue } = deps;

  async function errorOf(f: JobFacts): Promise<JobError | null> {
    if (CLOSED_FAILED.has(f.executionStatus)) return failureOfClosedJob(client, f);
    // Phase `failed` while the execution still runs (its cleanup or notification is in
    // flight): only the workflow knows the error yet. Ask it briefly; a worker is busy with it.
    const view = await client
      .withDeadline(Date.now() + 1000, () =>
        client.workflow.getHandle(trainingWorkflowId(f)).query(statusQuery),
      )
      .catch(() => null);
    return view?.error ?? null;
  }

  /** Where training got to: the latest checkpoint, or, once retention removed a succeeded job's checkpoints, its manifest. */
  async function lastCheckpoint(f: JobFacts, succeeded: boolean) {
    const last = (await storage.listCheckpoints(f)).at(-1);
    if (last) return { iteration: last.iteration, loss: last.loss };
    if (!succeeded) return null;
    const manifest = await storage.readArtifact(f, 'manifest.json').catch(() => null);
    const metrics = manifest && (JSON.parse(manifest.toString('utf8')) as PublishedManifest).metrics;
    return metrics ? { iteration: metrics.iterations, loss: metrics.finalLoss } : null;
  }

  async function fromFacts(f: JobFacts, opts: ViewOptions = {}): Promise<ApiJob> {
    const { status } = statusAndPhaseOf(f);
    const terminal = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    // A retry waits for its backoff, not for a training slot.
    const waiting = status === 'queued' && !delayed(f) && !isRetrying(f);
    const [error, artifacts, checkpoint, place] = await Promise.all([
      status === 'failed' ? errorOf(f) : null,
      status === 'succeeded' ? storage.listArtifacts(f) : [],
      !f.training?.heartbeat && f.memo.startedAt ? lastCheckpoint(f, status === 'succeeded') : null,
      terminal ? null : opts.queue === 'cached' ? queue.cachedPlaceOf(f, waiting) : queue.placeOf(f, waiting),
    ]);
    return buildJobView(f, { error, artifacts, lastCheckpoint: checkpoint, queue: place, now: new Date() });
  }

  return {
    fromFacts,
    async get(ref) {
      return fromFacts(await describeJob(deps, ref));
    },
  };
}
