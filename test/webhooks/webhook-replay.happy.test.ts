import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH } from '../../src/worker/workflow-source.ts';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.ts';
import { createJob, postJson, waitForJob } from '../helpers/api-client.ts';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

// Histories recorded before the `webhooks-in-background` patch (deliveries awaited inline)
// replay in test/workflows/recorded-histories.unit.test.ts.

describe('replay across the webhook change', () => {
  let receiver: Receiver;
  const h = useHarness({ workers: 'all' });
  const gw = useGateway(h);
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('histories with background deliveries (paused, resumed, cancelled) replay too', async () => {
    const job = await createJob(gw, {
      // Long enough (no early stop) to still be training when paused and resumed.
      params: { iterations: 1000, lutSize: 33, patience: 100 },
      webhook: { url: receiver.url },
    });
    await waitForJob(gw, job.id, (j) => (j.progress?.iteration ?? 0) > 0);
    await postJson(gw, `/v1/trainings/${job.id}/pause`, {});
    await waitForJob(gw, job.id, (j) => j.phase === 'paused');
    await postJson(gw, `/v1/trainings/${job.id}/resume`, {});
    await waitForJob(gw, job.id, (j) => j.phase === 'training');
    await postJson(gw, `/v1/trainings/${job.id}/cancel`, {});
    const handle = h.client.workflow.getHandle(trainingWorkflowId({ tenantId: job.tenantId, jobId: job.id }));
    await handle.result().catch(() => undefined);
    await receiver.waitFor((ds) => ds.some((d) => d.json.type === 'training.cancelled'));
    await expect(
      Worker.runReplayHistory(
        { workflowsPath: WORKFLOWS_PATH, replayName: 'background' },
        await handle.fetchHistory(),
      ),
    ).resolves.toBeUndefined();
  });
});
