/**
 * orchestration_overhead_p50_ms: for 1-iteration jobs run one at a time (no queueing),
 * the workflow's end-to-end time minus the time spent inside its activities, both from
 * the server's history timestamps. What is left is Temporal and the workflow itself:
 * workflow tasks, activity dispatch, the report signal, search-attribute upserts.
 */
import { type Client } from '@temporalio/client';
import { LOCAL_TENANT } from '../src/auth/api-keys.ts';
import { trainingWorkflowId } from '../workflows/job-identity.ts';
import { workflowTiming } from './history-timing.ts';
import { summarize, type Summary } from './stats.ts';
import { postTraining, trainingBody } from './submit-latency.ts';

export interface OverheadResult {
  overheadMs: Summary;
  endToEndMs: Summary;
  activityMs: Summary;
  jobIds: string[];
}

export async function orchestrationOverhead(
  gatewayUrl: string,
  client: Client,
  jobs: number,
): Promise<OverheadResult> {
  const body = await trainingBody();
  const overhead: number[] = [];
  const endToEnd: number[] = [];
  const activity: number[] = [];
  const jobIds: string[] = [];
  for (let i = 0; i < jobs + 2; i++) {
    const { id } = await postTraining(gatewayUrl, body, `bench-overhead-${Date.now()}-${i}`);
    const handle = client.workflow.getHandle(trainingWorkflowId({ tenantId: LOCAL_TENANT, jobId: id }));
    await handle.result();
    if (i < 2) continue; // warm-up: first workflow task, first trainer thread
    const t = await workflowTiming(handle);
    overhead.push(t.endToEndMs - t.activityMs);
    endToEnd.push(t.endToEndMs);
    activity.push(t.activityMs);
    jobIds.push(id);
  }
  return {
    overheadMs: summarize(overhead),
    endToEndMs: summarize(endToEnd),
    activityMs: summarize(activity),
    jobIds,
  };
}
