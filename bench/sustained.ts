/**
 * jobs_per_s_sustained: 1-iteration jobs submitted through the gateway by 20 closed-loop
 * clients (a new job as soon as one finishes) against the default layout: one
 * orchestration worker and one training worker with one training slot. Completions
 * are counted in a 60 s window after a 5 s warm-up.
 */
import { type Client } from '@temporalio/client';
import { LOCAL_TENANT } from '../src/auth/api-keys.ts';
import { trainingWorkflowId } from '../workflows/job-identity.ts';
import { summarize, type Summary } from './stats.ts';
import { CONCURRENCY, postTraining, trainingBody } from './submit-latency.ts';

export interface SustainedResult {
  jobsPerS: number;
  completedInWindow: number;
  windowS: number;
  endToEndMs: Summary;
}

const WARMUP_MS = 5_000;
const WINDOW_MS = 60_000;

export async function sustainedThroughput(
  gatewayUrl: string,
  client: Client,
  windowMs = WINDOW_MS,
): Promise<SustainedResult> {
  const body = await trainingBody();
  const start = Date.now();
  const windowStart = start + WARMUP_MS;
  const windowEnd = windowStart + windowMs;
  const latencies: number[] = [];
  let completed = 0;
  let n = 0;
  const lane = async () => {
    while (Date.now() < windowEnd) {
      const t = Date.now();
      const { id } = await postTraining(gatewayUrl, body, `bench-sustained-${start}-${n++}`);
      await client.workflow.getHandle(trainingWorkflowId({ tenantId: LOCAL_TENANT, jobId: id })).result();
      const done = Date.now();
      if (done >= windowStart && done <= windowEnd) {
        completed += 1;
        latencies.push(done - t);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return {
    jobsPerS: completed / (windowMs / 1000),
    completedInWindow: completed,
    windowS: windowMs / 1000,
    endToEndMs: summarize(latencies),
  };
}
