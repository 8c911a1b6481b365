/**
 * Reads a job's facts from Temporal without any worker: `describe()` gives status,
 * times, search attributes, memo, and the pending training activity with its state
 * (scheduled = waiting in the queue, started = running), attempt and the last
 * heartbeat details the server received. A job of another tenant is a different
 * workflow (ids are derived from the tenant), so it is reported exactly like a missing one.
 */
import {
  type Client,
  type WorkflowExecutionDescription,
  type WorkflowExecutionStatusName,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow/index.js';
import { optionalTsToDate } from '@temporalio/common/lib/time.js';
import proto from '@temporalio/proto';
import type { TrainingHeartbeat } from '../../activities/train-style.ts';
import { JOB_PHASES, type JobPhase } from '../../workflows/job-view.ts';
import { trainingWorkflowId, type JobRef } from '../../workflows/job-identity.ts';
import { TRAIN_ACTIVITY } from '../../workflows/activity-names.ts';
import { TrainingPhaseKey } from '../../workflows/search-attributes.ts';
import { summarizeFailure, type FailureSummary } from './failure-summary.ts';
import { type Storage } from '../storage/types.ts';
import { parseJobMemo, type JobMemo } from './job-memo.ts';
import { pendingRetryOf, type PendingRetry } from './pending-retry.ts';
import { jobNotFound } from './job-service-error.ts';

const State = proto.temporal.api.enums.v1.PendingActivityState;
const STATE_NAMES: Record<number, TrainingActivityFacts['state']> = {
  [State.PENDING_ACTIVITY_STATE_SCHEDULED]: 'scheduled',
  [State.PENDING_ACTIVITY_STATE_STARTED]: 'started',
  [State.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED]: 'cancel_requested',
};

/** Who asks: a tenant, or an admin key (which may list every tenant's jobs). */
export interface Viewer {
  tenantId: string;
  isAdmin: boolean;
}

export interface TrainingActivityFacts {
  state: 'scheduled' | 'started' | 'cancel_requested' | 'other';
  attempt: number;
  heartbeat: TrainingHeartbeat | null;
  priority: number | null;
  scheduledAt: Date | null;
  lastHeartbeatAt: Date | null;
  /** Why the current attempt is a retry: the previous attempt's failure (null on attempt 1). */
  retryOf: FailureSummary | null;
}

export interface JobFacts {
  jobId: string;
  tenantId: string;
  /** The execution described: a re-queued legacy id has a new run under the same workflow id. */
  runId: string;
  executionStatus: WorkflowExecutionStatusName;
  /** Cancellation asked for (by the server's record), before the workflow has acted on it. */
  cancelRequested: boolean;
  taskQueue: string;
  startTime: Date;
  executionTime: Date | null;
  closeTime: Date | null;
  /** From the TrainingPhase search attribute (upserted by the workflow on every change). */
  phase: JobPhase | null;
  memo: JobMemo;
  training: TrainingActivityFacts | null;
  /** A job activity (decode, train, publish, cleanup) being retried now, with the cause. */
  retry: PendingRetry | null;
}

async function trainingFacts(
  client: Client,
  d: WorkflowExecutionDescription,
): Promise<TrainingActivityFacts | null> {
  const pending = (d.raw.pendingActivities ?? []).find((a) => a.activityType?.name === TRAIN_ACTIVITY);
  if (!pending) return null;
  const attempt = pending.attempt ?? 1;
  const payloads = pending.heartbeatDetails?.payloads;
  const heartbeat = payloads?.length
    ? await decodeFromPayloadsAtIndex<TrainingHeartbeat>(
        client.options.loadedDataConverter,
        0,
        payloads,
      ).catch(() => null)
    : null;
  return {
    state: STATE_NAMES[pending.state ?? 0] ?? 'other',
    attempt,
    heartbeat: heartbeat && typeof heartbeat.iteration === 'number' ? heartbeat : null,
    priority: pending.priority?.priorityKey || null,
    scheduledAt: optionalTsToDate(pending.scheduledTime) ?? null,
    lastHeartbeatAt: optionalTsToDate(pending.lastHeartbeatTime) ?? null,
    retryOf: attempt > 1 && pending.lastFailure ? summarizeFailure(pending.lastFailure) : null,
  };
}

/** Facts of one execution already described; null when it is not an Atelier job. */
export async function factsOf(
  client: Client,
  ref: JobRef,
  d: WorkflowExecutionDescription,
): Promise<JobFacts | null> {
  const memo = parseJobMemo(d.memo);
  // The workflow id already names the tenant; a memo that disagrees is not one of our jobs.
  if (!memo || memo.tenantId !== ref.tenantId) return null;
  const phase = d.typedSearchAttributes.get(TrainingPhaseKey);
  return {
    jobId: ref.jobId,
    tenantId: ref.tenantId,
    runId: d.runId,
    executionStatus: d.status.name,
    cancelRequested: d.raw.workflowExtendedInfo?.cancelRequested === true,
    taskQueue: d.taskQueue,
    startTime: d.startTime,
    executionTime: d.executionTime ?? null,
    closeTime: d.closeTime ?? null,
    phase: (JOB_PHASES as readonly string[]).includes(phase ?? '') ? (phase as JobPhase) : null,
    memo,
    training: await trainingFacts(client, d),
    retry: pendingRetryOf(d.raw.pendingActivities ?? []),
  };
}

/** Temporal, and the storage that holds the tombstones of deleted jobs. */
export interface JobLookupDeps {
  client: Client;
  storage: Pick<Storage, 'readTombstone'>;
}

/**
 * Describes a job of the ref's tenant; throws JobNotFound otherwise. Tenancy needs no
 * further check: the workflow id is derived from the tenant, so another tenant's job
 * with the same id is a different execution. A deleted job is not found at once,
 * although Temporal removes its record only later (see delete-job.ts).
 */
export async function describeJob(deps: JobLookupDeps, ref: JobRef): Promise<JobFacts> {
  let description: WorkflowExecutionDescription;
  try {
    description = await deps.client.workflow.getHandle(trainingWorkflowId(ref)).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw jobNotFound(ref.jobId);
    throw err;
  }
  const facts = await factsOf(deps.client, ref, description);
  if (!facts) throw jobNotFound(ref.jobId);
  // Only a closed run can have been deleted; a running one costs no storage read.
  if (facts.executionStatus !== 'RUNNING' && (await deps.storage.readTombstone(ref)) === facts.runId)
    throw jobNotFound(ref.jobId);
  return facts;
}
