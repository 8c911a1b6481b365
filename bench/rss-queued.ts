/**
 * worker_rss_mb_200_queued: resident memory of the orchestration worker (it holds the
 * workflows) and of the training worker while 200 jobs wait for the one training slot
 * (one trains, 199 queue), next to their idle figures. Taken from /proc, so it counts
 * every thread, the trainer's included. The 200 jobs are terminated afterwards.
 */
import { type Client } from '@temporalio/client';
import { mapBounded } from '../src/jobs/map-bounded.ts';
import { LOCAL_TENANT } from '../src/auth/api-keys.ts';
import { trainingWorkflowId } from '../workflows/job-identity.ts';
import { styleImage } from '../test/harness/images.ts';
import { rssMb, type BenchStack } from './stack.ts';
import { CONCURRENCY, postTraining } from './submit-latency.ts';

export interface RssResult {
  orchestrationIdleMb: number;
  trainingIdleMb: number;
  orchestrationMb: number;
  trainingMb: number;
  jobsWaiting: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function countTraining(client: Client): Promise<number> {
  const { count } = await client.workflow.count(
    `WorkflowType = 'styleTrainingWorkflow' AND ExecutionStatus = 'Running' AND TrainingPhase = 'training'`,
  );
  return count;
}

async function sampleMax(pid: number): Promise<number> {
  let max = 0;
  for (let i = 0; i < 3; i++) {
    max = Math.max(max, await rssMb(pid));
    await sleep(1_000);
  }
  return max;
}

export async function rssWithQueuedJobs(stack: BenchStack, jobs: number): Promise<RssResult> {
  const { cluster, client } = stack;
  const orchestrationPid = cluster.pidOf('orchestration')!;
  const trainingPid = cluster.pidOf('training')!;
  const orchestrationIdleMb = await sampleMax(orchestrationPid);
  const trainingIdleMb = await sampleMax(trainingPid);
  const body = JSON.stringify({
    styleName: 'Bench queue',
    baseModel: 'color-lut',
    styleRefBase64: (await styleImage()).toString('base64'),
    params: { lutSize: 65, iterations: 1000, patience: 100 },
  });
  const stamp = Date.now();
  // Collected as they are acknowledged, so a failed submission leaves none of them running.
  const ids: string[] = [];
  try {
    await mapBounded([...Array(jobs).keys()], CONCURRENCY, (i) =>
      postTraining(cluster.gatewayUrl, body, `bench-rss-${stamp}-${i}`).then((j) => void ids.push(j.id)),
    );
    const deadline = Date.now() + 120_000;
    let waiting = 0;
    while ((waiting = await countTraining(client).catch(() => 0)) < jobs && Date.now() < deadline)
      await sleep(500);
    await sleep(3_000);
    return {
      orchestrationIdleMb,
      trainingIdleMb,
      orchestrationMb: await sampleMax(orchestrationPid),
      trainingMb: await sampleMax(trainingPid),
      jobsWaiting: waiting,
    };
  } finally {
    await mapBounded(ids, CONCURRENCY, (id) =>
      client.workflow
        .getHandle(trainingWorkflowId({ tenantId: LOCAL_TENANT, jobId: id }))
        .terminate('benchmark cleanup')
        .catch(() => undefined),
    );
  }
}
