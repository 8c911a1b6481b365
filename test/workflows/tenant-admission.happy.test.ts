/**
 * The admission workflow on its own: its state survives continue-as-new (the bucket keeps
 * emptying, the ledger keeps its slots, also for updates that race the hand-over), and
 * the histories of every run replay against the current code.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH } from '../../src/worker/workflow-source.ts';
import { type tenantAdmissionWorkflow } from '../../workflows/tenant-admission.ts';
import {
  admitSubmissionUpdate,
  tenantAdmissionWorkflowId,
  type AdmitSubmissionInput,
} from '../../workflows/tenant-admission-messages.ts';
import { pollUntil } from '../helpers/poll.ts';
import { useHarness } from '../helpers/use-stack.ts';

const h = useHarness({ workers: 'orchestration' });

/** As the gateway asks (src/jobs/admit-submission.ts), with a run length small enough to see. */
function admit(tenantId: string, req: AdmitSubmissionInput) {
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof tenantAdmissionWorkflow>(
    'tenantAdmissionWorkflow',
    {
      workflowId: tenantAdmissionWorkflowId(tenantId, h.suffix),
      taskQueue: h.orchestrationQueue,
      args: [{ tenantId, admissionsPerRun: 2 }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    },
  );
  return h.client.workflow.executeUpdateWithStart(admitSubmissionUpdate, {
    args: [req],
    startWorkflowOperation,
  });
}

/** The runs that ended by continuing as new (a replay of the open run's partial history never ends). */
async function continuedRunsOf(workflowId: string): Promise<string[]> {
  const query = `WorkflowId = '${workflowId}' AND ExecutionStatus = 'ContinuedAsNew'`;
  const runs: string[] = [];
  for await (const wf of h.client.workflow.list({ query })) runs.push(wf.runId);
  return runs;
}

describe('tenantAdmissionWorkflow', () => {
  it('carries its bucket and its ledger across continue-as-new, and every run replays', async () => {
    const tenantId = `adm-${randomUUID().slice(0, 8)}`;
    const rate = { tokens: 1, periodSeconds: 3600, burst: 5 };
    const remaining: number[] = [];
    for (let i = 0; i < 6; i++) {
      const d = await admit(tenantId, {
        workflowId: `training:${tenantId}:r${i}`,
        weight: 1,
        maxActive: null,
        rate,
      });
      remaining.push(d.admitted ? (d.rate?.remaining ?? -1) : -1);
    }
    // Three runs of two admissions each; the sixth finds the bucket empty.
    expect(remaining).toEqual([4, 3, 2, 1, 0, -1]);

    // Updates racing each other and the hand-over to the next run: exactly the cap is admitted.
    const racing = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        admit(tenantId, { workflowId: `training:${tenantId}:c${i}`, weight: 1, maxActive: 3, rate: null }),
      ),
    );
    expect(racing.filter((d) => d.admitted)).toHaveLength(3);
    expect(racing.filter((d) => d.refusal === 'tenant_active_limit')).toHaveLength(3);

    const workflowId = tenantAdmissionWorkflowId(tenantId, h.suffix);
    // Visibility is eventually consistent: wait until it lists the three runs that ended before the race.
    const runs = await pollUntil(
      () => continuedRunsOf(workflowId),
      (r) => r.length >= 3,
      { what: 'three continued-as-new runs in visibility', timeoutMs: 30_000, intervalMs: 250 },
    );
    const histories = await Promise.all(
      runs.map(async (runId) => ({
        workflowId,
        history: await h.client.workflow.getHandle(workflowId, runId).fetchHistory(),
      })),
    );
    // One replay worker (one bundle) for every run.
    const errors: string[] = [];
    for await (const r of Worker.runReplayHistories({ workflowsPath: WORKFLOWS_PATH }, histories))
      if (r.error) errors.push(`${r.runId}: ${r.error.message}`);
    expect(errors).toEqual([]);
  }, 180_000);
});
