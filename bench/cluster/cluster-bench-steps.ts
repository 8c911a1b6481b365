/**
 * One step of `npm run bench:cluster`: with N training workers (one slot each)
 * against the real cluster, the peers' measurements (bench/peers/measure.ts):
 * submissions through the gateway to a queue no worker polls, then 1-iteration
 * jobs run to completion, with the CPU of every process split by tier.
 */
import { type Client } from '@temporalio/client';
import { LOCAL_TENANT } from '../../src/auth/api-keys.ts';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import {
  measureSubmissions,
  measureSustained,
  type SubmitFigures,
  type SustainedFigures,
} from '../peers/measure.ts';
import { postTraining, trainingBody } from '../submit-latency.ts';
import { type ClusterSession } from '../../test/harness/cluster-tier/cluster-session.ts';

export interface ClusterStep {
  trainingWorkers: number;
  submit: SubmitFigures;
  sustained: SustainedFigures;
  /** CPU ms per job by tier: temporal (4 services + PostgreSQL), atelier (gateway + orchestration), training, bench. */
  cpuMsPerJobByTier: Record<string, number>;
}

const tierOf = (name: string) =>
  name.startsWith('temporal') || name === 'postgres'
    ? 'temporal'
    : name.startsWith('training')
      ? 'training'
      : name === 'bench'
        ? 'bench'
        : 'atelier';

export async function clusterStep(
  s: ClusterSession,
  client: Client,
  trainingWorkers: number,
  windows: { warmupMs: number; windowMs: number },
): Promise<ClusterStep> {
  const { atelier, temporal } = s;
  await atelier.scaleTraining(trainingWorkers);
  const processes = () => ({
    postgres: temporal.postgres.pid,
    ...Object.fromEntries(
      (['frontend', 'history', 'matching', 'worker'] as const).map((x) => [
        `temporal-${x}`,
        temporal.pidOf(x),
      ]),
    ),
    ...atelier.pids(),
    bench: process.pid,
  });
  const body = await trainingBody();
  const run = `${Date.now()}-${trainingWorkers}`;
  await atelier.gatewayOnQueueSuffix('-cluster-idle');
  let submit: SubmitFigures;
  try {
    submit = await measureSubmissions(
      (i) => postTraining(atelier.gatewayUrl, body, `cluster-submit-${run}-${i}`).then(() => undefined),
      processes,
    );
  } finally {
    await atelier.gatewayOnQueueSuffix('');
  }
  const sustained = await measureSustained(
    async (key) => {
      const { id } = await postTraining(atelier.gatewayUrl, body, `cluster-${run}-${key}`);
      await client.workflow.getHandle(trainingWorkflowId({ tenantId: LOCAL_TENANT, jobId: id })).result();
    },
    processes,
    windows,
  );
  const cpuMsPerJobByTier: Record<string, number> = {};
  for (const [name, ms] of Object.entries(sustained.cpuMsByProcess)) {
    const tier = tierOf(name);
    cpuMsPerJobByTier[tier] = (cpuMsPerJobByTier[tier] ?? 0) + ms / Math.max(1, sustained.completedInWindow);
  }
  return { trainingWorkers, submit, sustained, cpuMsPerJobByTier };
}
