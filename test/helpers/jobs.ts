/** Starts training jobs straight through the Temporal client (the HTTP layer has its own tests). */
import { randomUUID } from 'node:crypto';
import { type WorkflowHandle } from '@temporalio/client';
import { type styleTrainingWorkflow } from '../../workflows/style-training.ts';
import { statusQuery, type StyleTrainingInput } from '../../workflows/messages.ts';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import { type JobPhase, type JobView } from '../../workflows/job-view.ts';
import { startTrainingWorkflow } from '../../src/jobs/start-training-workflow.ts';
import { type Harness } from './harness.ts';
import { pollUntil } from './poll.ts';
import { styleImage } from '../harness/images.ts';

export interface JobOptions {
  jobId?: string;
  image?: Buffer;
  params?: Record<string, unknown>;
  priority?: number;
  tenantId?: string;
  baseModel?: string;
}

export async function startJob(
  h: Harness,
  opts: JobOptions = {},
): Promise<{ jobId: string; handle: WorkflowHandle<typeof styleTrainingWorkflow> }> {
  const jobId = opts.jobId ?? `job-${randomUUID().slice(0, 12)}`;
  const image = await h.deps.storage.putBlob(opts.image ?? (await styleImage()), 'image/png');
  const input: StyleTrainingInput = {
    jobId,
    tenantId: opts.tenantId ?? 'local',
    styleName: 'Test style',
    baseModel: opts.baseModel ?? 'color-lut',
    image,
    params: opts.params ?? { iterations: 5, lutSize: 17 },
    priority: opts.priority ?? 3,
    createdAt: new Date().toISOString(),
    heartbeatTimeoutMs: 4_000,
  };
  // The gateway's own start path (search attributes, memo, summary, priority), minus HTTP.
  await startTrainingWorkflow({
    client: h.client,
    storage: h.deps.storage,
    taskQueue: h.orchestrationQueue,
    input,
    memo: {
      tenantId: input.tenantId,
      fingerprint: `test:${jobId}`,
      createdAt: input.createdAt,
      styleName: input.styleName,
      baseModel: input.baseModel,
      priority: input.priority,
      params: input.params,
    },
  });
  const handle = h.client.workflow.getHandle<typeof styleTrainingWorkflow>(
    trainingWorkflowId({ tenantId: input.tenantId, jobId }),
  );
  return { jobId, handle };
}

/** Polls the status query until `predicate` holds. */
export function waitForView(
  handle: WorkflowHandle,
  predicate: (v: JobView) => boolean,
  timeoutMs = 60_000,
): Promise<JobView> {
  return pollUntil(() => handle.query(statusQuery), predicate, { what: 'job view condition', timeoutMs });
}

export const inPhase = (phase: JobPhase) => (v: JobView) => v.phase === phase;
