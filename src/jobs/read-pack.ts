/**
 * The pack as the API shows it, built without any worker: the pack workflow's own
 * describe() (status, memo) plus the job view of each of its styles, which are
 * ordinary training jobs of the same tenant. Pack workflow ids are derived from the
 * tenant, so another tenant's pack is simply not found.
 */
import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { packChildJobId, packWorkflowId } from '../../workflows/job-identity.ts';
import { summarizePack } from '../../workflows/pack-summary.ts';
import { type ApiJob } from './api-job.ts';
import { type JobReader } from './job-reader.ts';
import { JobServiceError } from './job-service-error.ts';
import { parsePackMemo, type PackMemo } from './pack-memo.ts';

export interface PackRef {
  tenantId: string;
  packId: string;
}

export interface ApiPack {
  id: string;
  status: 'running' | 'succeeded' | 'partially_failed' | 'failed' | 'cancelled' | 'paused';
  percent: number;
  createdAt: string;
  finishedAt: string | null;
  styles: ApiJob[];
}

async function describePack(client: Client, ref: PackRef) {
  const notFound = new JobServiceError('PackNotFound', `no pack ${ref.packId}`);
  let d: WorkflowExecutionDescription;
  try {
    d = await client.workflow.getHandle(packWorkflowId(ref.tenantId, ref.packId)).describe();
  } catch (err) {
    throw err instanceof WorkflowNotFoundError ? notFound : err;
  }
  const memo = parsePackMemo(d.memo);
  if (!memo || memo.tenantId !== ref.tenantId) throw notFound;
  return { d, memo };
}

export async function readPackMemo(client: Client, ref: PackRef): Promise<PackMemo> {
  return (await describePack(client, ref)).memo;
}

export async function readPack(client: Client, jobs: JobReader, ref: PackRef): Promise<ApiPack> {
  const { d, memo } = await describePack(client, ref);
  // Styles are read concurrently (a pack has at most 16); one not started yet has no
  // workflow and is simply not listed yet.
  const found = await Promise.all(
    Array.from({ length: memo.styles }, (_, i) =>
      jobs.get({ tenantId: ref.tenantId, jobId: packChildJobId(ref.packId, i) }).catch((err: unknown) => {
        if (err instanceof JobServiceError && err.kind === 'JobNotFound') return null;
        throw err;
      }),
    ),
  );
  const styles = found.filter((j): j is ApiJob => j !== null);
  // A retrying style is still on its way, like a running one, for the pack's summary.
  const progress = styles.map((j) => ({
    status: j.status === 'retrying' ? ('running' as const) : j.status,
    percent: j.progress?.percent ?? null,
  }));
  const paused = styles.some((j) => j.status === 'paused');
  const summary = summarizePack(progress, memo.styles, paused, d.status.name !== 'RUNNING');
  const status: ApiPack['status'] = d.status.name === 'CANCELLED' ? 'cancelled' : summary.status;
  return {
    id: ref.packId,
    status,
    percent: summary.percent,
    createdAt: memo.createdAt ?? d.startTime.toISOString(),
    finishedAt: d.closeTime ? d.closeTime.toISOString() : null,
    styles,
  };
}
