/**
 * Reads a job's facts from Temporal without any worker: `describe()` gives status,
 * times, search attributes, memo, and the pending training activity with its state
 * (scheduled = waiting in the queue, started = running), attempt and the last
 * heartbeat details the server received. Tenancy is enforced here: a job of another
 * tenant is reported exactly like a missing one.
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
import { type JobRef } from '../../workflows/job-identity.ts';
import { JOB_PHASES, type JobPhase } from '../../workflows/job-view.ts';
import { trainingWorkflowId } from '../../workflows/messages.ts';
import { TrainingPhaseKey } from '../../workflows/search-attributes.ts';
import { ApiError } from '../http/errors.ts';
import { parseJobMemo, type JobMemo } from './job-memo.ts';

const State = proto.temporal.api.enums.v1.PendingActivityState;
const STATE_NAMES: Record<number, TrainingActivityFacts['state']> = {
  [State.PENDING_ACTIVITY_STATE_SCHEDULED]: 'scheduled',
  [State.PENDING_ACTIVITY_STATE_STARTED]: 'started',
  [State.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED]: 'cancel_requested',
};

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
}

export interface JobFacts {
  jobId: string;
  executionStatus: WorkflowExecutionStatusName;
  taskQueue: string;
  startTime: Date;
  executionTime: Date | null;
  closeTime: Date | null;
  /** From the TrainingPhase search attribute (upserted by the workflow on every change). */
  phase: JobPhase | null;
  memo: JobMemo;
  training: TrainingActivityFacts | null;
}

/** The job's storage identity: its owner's tenant and its id (also when an admin looks at it). */
export const jobRefOf = (f: JobFacts): JobRef => ({ tenantId: f.memo.tenantId, jobId: f.jobId });

export function notFound(jobId: string): ApiError {
  return new ApiError('not_found', `no job with id '${jobId}'`);
}

export function canSee(viewer: Viewer, memo: JobMemo): boolean {
  return viewer.isAdmin || memo.tenantId === viewer.tenantId;
}

async function trainingFacts(
  client: Client,
  d: WorkflowExecutionDescription,
): Promise<TrainingActivityFacts | null> {
  const pending = (d.raw.pendingActivities ?? []).find((a) => a.activityType?.name === 'trainStyle');
  if (!pending) return null;
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
    attempt: pending.attempt ?? 1,
    heartbeat: heartbeat && typeof heartbeat.iteration === 'number' ? heartbeat : null,
    priority: pending.priority?.priorityKey || null,
    scheduledAt: optionalTsToDate(pending.scheduledTime) ?? null,
    lastHeartbeatAt: optionalTsToDate(pending.lastHeartbeatTime) ?? null,
  };
}

/** Facts of one execution already described; null when it is not an Atelier job. */
export async function factsOf(
  client: Client,
  jobId: string,
  d: WorkflowExecutionDescription,
): Promise<JobFacts | null> {
  const memo = parseJobMemo(d.memo);
  if (!memo) return null;
  const phase = d.typedSearchAttributes.get(TrainingPhaseKey);
  return {
    jobId,
    executionStatus: d.status.name,
    taskQueue: d.taskQueue,
    startTime: d.startTime,
    executionTime: d.executionTime ?? null,
    closeTime: d.closeTime ?? null,
    phase: (JOB_PHASES as readonly string[]).includes(phase ?? '') ? (phase as JobPhase) : null,
    memo,
    training: await trainingFacts(client, d),
  };
}

/** Describes a job the viewer may see; throws `not_found` otherwise. */
export async function describeJob(client: Client, jobId: string, viewer: Viewer): Promise<JobFacts> {
  let description: WorkflowExecutionDescription;
  try {
    description = await client.workflow.getHandle(trainingWorkflowId(jobId)).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound(jobId);
    throw err;
  }
  const facts = await factsOf(client, jobId, description);
  if (!facts || !canSee(viewer, facts.memo)) throw notFound(jobId);
  return facts;
}
