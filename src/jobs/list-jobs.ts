/**
 * Job listing from Temporal visibility. The tenant filter is part of every query
 * (admins may drop it); the cursor is the server's own page token (signed, see
 * list-cursor.ts), so pages are stable under concurrent inserts. Status is derived per job (it depends on the
 * training activity's state), so a status filter narrows by phase in the query and
 * then exactly per job: a page may hold fewer than `limit` jobs and still have more.
 */
import { jobRefOfWorkflowId, type JobRef } from '../../workflows/job-identity.ts';
import { type JobPhase, type JobStatus } from '../../workflows/job-view.ts';
import { type ApiJob } from './api-job.ts';
import { statusAndPhaseOf } from './build-job-view.ts';
import { describeJob, type JobLookupDeps, type Viewer } from './describe-job.ts';
import { JobServiceError } from './job-service-error.ts';
import { type JobReader } from './job-reader.ts';
import { decodeCursor, encodeCursor } from './list-cursor.ts';
import { mapBounded } from './map-bounded.ts';

export interface ListFilter {
  status?: JobStatus;
  phase?: JobPhase;
  styleName?: string;
  baseModel?: string;
  /** Admins only: one tenant's jobs. */
  tenantId?: string;
}

export interface JobPage {
  data: ApiJob[];
  nextCursor: string | null;
}

const PHASES_OF_STATUS: Record<JobStatus, string> = {
  queued: `ExecutionStatus = 'Running' AND TrainingPhase IN ('queued', 'training')`,
  running: `ExecutionStatus = 'Running' AND TrainingPhase IN ('decoding', 'training', 'publishing', 'pausing', 'cancelling')`,
  paused: `ExecutionStatus = 'Running' AND TrainingPhase = 'paused'`,
  // Terminal phases are set just before the execution closes (a notification may still run);
  // an operator may terminate a job in the Temporal UI, leaving its phase as it was.
  succeeded: `(ExecutionStatus = 'Completed' OR TrainingPhase = 'succeeded')`,
  failed: `(ExecutionStatus IN ('Failed', 'Terminated', 'TimedOut') OR TrainingPhase = 'failed')`,
  cancelled: `(ExecutionStatus = 'Canceled' OR TrainingPhase = 'cancelled')`,
};

const quote = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function listQuery(taskQueue: string, viewer: Viewer, f: ListFilter): string {
  const parts = [`WorkflowType = 'styleTrainingWorkflow'`, `TaskQueue = ${quote(taskQueue)}`];
  const tenant = viewer.isAdmin ? f.tenantId : viewer.tenantId;
  if (tenant) parts.push(`TenantId = ${quote(tenant)}`);
  if (f.status) parts.push(PHASES_OF_STATUS[f.status]);
  if (f.phase) parts.push(`TrainingPhase = ${quote(f.phase)}`);
  if (f.styleName) parts.push(`StyleName = ${quote(f.styleName)}`);
  if (f.baseModel) parts.push(`BaseModel = ${quote(f.baseModel)}`);
  return parts.join(' AND ');
}

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

export async function listJobs(
  deps: JobLookupDeps & { namespace: string; jobs: JobReader; taskQueue: string; cursorSecret: Buffer },
  viewer: Viewer,
  filter: ListFilter,
  page: { limit: number; after?: string },
): Promise<JobPage> {
  const { client } = deps;
  const query = listQuery(deps.taskQueue, viewer, filter);
  const token = page.after ? decodeCursor(deps.cursorSecret, query, page.after) : undefined;
  if (token === null) throw new InvalidCursorError('not a cursor of this listing');
  const res = await client.workflowService.listWorkflowExecutions({
    namespace: deps.namespace,
    query,
    pageSize: page.limit,
    nextPageToken: token,
  });
  // A re-queued old-API id has several runs under one workflow id: the job is the latest.
  const workflowIds = new Set((res.executions ?? []).map((e) => e.execution?.workflowId ?? ''));
  const refs = [...workflowIds]
    .map(jobRefOfWorkflowId)
    .filter((r): r is JobRef => r !== null && (viewer.isAdmin || r.tenantId === viewer.tenantId));
  const jobs = await mapBounded(refs, 8, async (ref) => {
    // Visibility can lag behind a deletion; describe() is the truth.
    const facts = await describeJob(deps, ref).catch((err: unknown) =>
      err instanceof JobServiceError && err.kind === 'JobNotFound' ? null : Promise.reject(err),
    );
    if (!facts) return null;
    if (filter.status && statusAndPhaseOf(facts).status !== filter.status) return null;
    return deps.jobs.fromFacts(facts);
  });
  const next = res.nextPageToken;
  return {
    data: jobs.filter((j): j is ApiJob => j !== null),
    nextCursor: next && next.length > 0 ? encodeCursor(deps.cursorSecret, query, next) : null,
  };
}
