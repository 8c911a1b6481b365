/**
 * The pack as the API shows it, built without any worker: the pack workflow's own
 * describe() (status, tenant) plus the job view of each of its styles, which are
 * ordinary training jobs. Another tenant's pack answers 404, like a missing one.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { packJobId, packWorkflowId } from '../../workflows/pack-messages.ts';
import { summarizePack } from '../../workflows/pack-summary.ts';
import { type ApiJob } from './api-job.ts';
import { type Viewer } from './describe-job.ts';
import { type JobReader } from './job-reader.ts';
import { JobServiceError } from './job-service-error.ts';

export interface ApiPack {
  id: string;
  status: 'running' | 'succeeded' | 'partially_failed' | 'failed' | 'cancelled' | 'paused';
  percent: number;
  createdAt: string;
  finishedAt: string | null;
  styles: ApiJob[];
}

export async function readPack(
  client: Client,
  jobs: JobReader,
  packId: string,
  viewer: Viewer,
): Promise<ApiPack> {
  const notFound = new JobServiceError('PackNotFound', `no pack ${packId}`);
  let d;
  try {
    d = await client.workflow.getHandle(packWorkflowId(packId)).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound;
    throw err;
  }
  const memo = (d.memo ?? {}) as { tenantId?: string; styles?: number; kind?: string };
  if (memo.kind !== 'pack' || (!viewer.isAdmin && memo.tenantId !== viewer.tenantId)) throw notFound;
  // Styles are read concurrently (a pack has at most 16); one not started yet has no
  // workflow and is simply not listed yet.
  const found = await Promise.all(
    Array.from({ length: memo.styles ?? 0 }, (_, i) =>
      jobs.get(packJobId(packId, i), viewer).catch((err: unknown) => {
        if (err instanceof JobServiceError && err.kind === 'JobNotFound') return null;
        throw err;
      }),
    ),
  );
  const styles = found.filter((j): j is ApiJob => j !== null);
  const total = memo.styles ?? styles.length;
  const progress = styles.map((j) => ({ status: j.status, percent: j.progress?.percent ?? null }));
  const paused = styles.some((j) => j.status === 'paused');
  const summary = summarizePack(progress, total, paused, d.status.name !== 'RUNNING');
  const status: ApiPack['status'] = d.status.name === 'CANCELLED' ? 'cancelled' : summary.status;
  return {
    id: packId,
    status,
    percent: summary.percent,
    createdAt: d.startTime.toISOString(),
    finishedAt: d.closeTime ? d.closeTime.toISOString() : null,
    styles,
  };
}
