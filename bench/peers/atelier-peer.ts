/**
 * Atelier's own column of the peer table, measured with the same code as the peers
 * (measure.ts) on the bench stack: submissions through the gateway to a queue no
 * worker polls (as the BullMQ and bare-SDK submissions), then 1-iteration jobs run
 * to completion by the default layout (one orchestration worker, one training
 * worker with one slot).
 */
import { LOCAL_TENANT } from '../../src/auth/api-keys.ts';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import { type BenchStack } from '../stack.ts';
import { postTraining, trainingBody } from '../submit-latency.ts';
import {
  measureSubmissions,
  measureSustained,
  type SubmitFigures,
  type SustainedFigures,
} from './measure.ts';

export interface AtelierFigures {
  submit: SubmitFigures;
  sustained: SustainedFigures;
}

export async function atelierFigures(
  stack: BenchStack,
  windows: { warmupMs: number; windowMs: number },
): Promise<AtelierFigures> {
  const { cluster, client } = stack;
  const body = await trainingBody();
  const run = Date.now();
  const pid = (c: Parameters<typeof cluster.pidOf>[0]) => cluster.pidOf(c);
  await stack.gatewayOnQueueSuffix('-bench-peers-idle');
  let submit: SubmitFigures;
  try {
    submit = await measureSubmissions(
      (i) => postTraining(cluster.gatewayUrl, body, `bench-peers-${run}-${i}`).then(() => undefined),
      () => ({ temporal: pid('temporal'), gateway: pid('gateway'), bench: process.pid }),
    );
  } finally {
    await stack.gatewayOnQueueSuffix('');
  }
  const sustained = await measureSustained(
    async (key) => {
      const { id } = await postTraining(cluster.gatewayUrl, body, `bench-peers-sustained-${key}`);
      await client.workflow.getHandle(trainingWorkflowId({ tenantId: LOCAL_TENANT, jobId: id })).result();
    },
    () => ({
      temporal: pid('temporal'),
      gateway: pid('gateway'),
      orchestration: pid('orchestration'),
      training: pid('training'),
      bench: process.pid,
    }),
    windows,
  );
  return { submit, sustained };
}
