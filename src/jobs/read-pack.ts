/**
 * The pack as the API shows it, built without any worker: the pack workflow's own
 * describe() (status, tenant) plus the job view of each of its styles, which are
 * ordinary training jobs. Another tenant's pack answers 404, like a missing one.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { packJobId, packWorkflowId } from '../../workflows/pack-messages.ts';
import { ApiError } from '../http/errors.ts';
import { type ApiJob } from './api-job.ts';
import { type Viewer } from './describe-job.ts';
import { type JobReader } from './job-reader.ts';

export interface ApiPack {
  id: string;
  status: 'running' | 'succeeded' | 'partially_failed' | 'failed' | 'cancelled' | 'paused';
  percent: number;
  createdAt: string;
  finishedAt: string | null;
  styles: ApiJob[];
}

const TERMINAL = ['succeeded', 'failed', 'cancelled'];

export async function readPack(
  client: Client,
  jobs: JobReader,
  packId: string,
  viewer: Viewer,
): Promise<ApiPack> {
  const notFound = new ApiError('not_found', `no pack ${packId}`);
  let d;
  try {
    d = await client.workflow.getHandle(packWorkflowId(packId)).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound;
    throw err;
  }
  const memo = (d.memo ?? {}) as { tenantId?: string; styles?: number; kind?: string };
  if (memo.kind !== 'pack' || (!viewer.isAdmin && memo.tenantId !== viewer.tenantId)) throw notFound;
  const styles: ApiJob[] = [];
  for (let i = 0; i < (memo.styles ?? 0); i++) {
    // A style whose child has not started yet has no workflow: it is simply not listed yet.
    const job = await jobs.get(packJobId(packId, i), viewer).catch((err: unknown) => {
      if (err instanceof ApiError && err.code === 'not_found') return null;
      throw err;
    });
    if (job) styles.push(job);
  }
  const total = memo.styles ?? styles.length;
  const percent = total
    ? styles.reduce((sum, j) => sum + (TERMINAL.includes(j.status) ? 100 : (j.progress?.percent ?? 0)), 0) /
      total
    : 0;
  const done = styles.filter((j) => TERMINAL.includes(j.status));
  const ok = done.filter((j) => j.status === 'succeeded').length;
  let status: ApiPack['status'] = styles.some((j) => j.status === 'paused') ? 'paused' : 'running';
  if (d.status.name === 'CANCELLED') status = 'cancelled';
  else if (d.status.name !== 'RUNNING' || (done.length === total && total > 0)) {
    status =
      ok === total
        ? 'succeeded'
        : ok === 0
          ? done.every((j) => j.status === 'cancelled')
            ? 'cancelled'
            : 'failed'
          : 'partially_failed';
  }
  return {
    id: packId,
    status,
    percent: Math.round(percent * 10) / 10,
    createdAt: d.startTime.toISOString(),
    finishedAt: d.closeTime ? d.closeTime.toISOString() : null,
    styles,
  };
}
