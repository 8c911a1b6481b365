/**
 * Invariants about jobs as Temporal has them: every acknowledged job finished the way
 * it should (succeeded, or cancelled when its client cancelled it), no job exists
 * twice, and no workflow exists that no client asked for.
 */
import { type Client } from '@temporalio/client';
import { LOCAL_TENANT } from '../../src/auth/api-keys.ts';
import { jobIdFromIdempotencyKey } from '../../src/jobs/job-id.ts';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import { type ClientRecord } from './load.ts';
import { type Violation } from '../harness/violation.ts';

export type { Violation } from '../harness/violation.ts';

export interface WorkflowFacts {
  workflowId: string;
  status: string;
}

export async function listTrainingWorkflows(client: Client): Promise<WorkflowFacts[]> {
  const out: WorkflowFacts[] = [];
  for await (const wf of client.workflow.list({
    query: `WorkflowType = 'styleTrainingWorkflow'`,
    pageSize: 500,
  })) {
    out.push({ workflowId: wf.workflowId, status: wf.status.name });
  }
  return out;
}

export function checkClients(records: ClientRecord[]): Violation[] {
  const v: Violation[] = [];
  for (const r of records) {
    if (r.gaveUp === 'submit')
      v.push({
        invariant: 'submission-acknowledged',
        detail: `job #${r.index} (${r.idempotencyKey}) was never acknowledged`,
      });
    if (r.gaveUp === 'poll')
      v.push({
        invariant: 'acknowledged-job-terminal',
        jobId: r.jobId,
        detail: `client stopped polling; last saw ${JSON.stringify(r.lastSeen)}`,
      });
    for (const u of r.unexpected) v.push({ invariant: 'correct-answers', jobId: r.jobId, detail: u });
  }
  return v;
}

/** Terminal state per acknowledged job, described from Temporal itself. */
export async function checkTerminal(client: Client, records: ClientRecord[]): Promise<Violation[]> {
  const v: Violation[] = [];
  for (const r of records.filter((x) => x.jobId)) {
    const d = await client.workflow
      .getHandle(trainingWorkflowId({ tenantId: LOCAL_TENANT, jobId: r.jobId! }))
      .describe();
    const cancelled = r.cancel?.status === 202;
    const allowed = cancelled ? ['COMPLETED', 'CANCELLED'] : ['COMPLETED'];
    if (!allowed.includes(d.status.name)) {
      v.push({
        invariant: 'acknowledged-job-terminal',
        jobId: r.jobId,
        detail: `workflow is ${d.status.name}, expected ${allowed.join(' or ')}`,
      });
    }
    const clientSaw = r.lastSeen?.status;
    const expectedClientStatus = d.status.name === 'COMPLETED' ? 'succeeded' : 'cancelled';
    if (clientSaw !== expectedClientStatus) {
      v.push({
        invariant: 'acknowledged-job-terminal',
        jobId: r.jobId,
        detail: `client last saw '${clientSaw}', Temporal says ${d.status.name}`,
      });
    }
  }
  return v;
}

/** One workflow per job id, and only for jobs some client submitted. */
export function checkDuplicates(workflows: WorkflowFacts[], records: ClientRecord[]): Violation[] {
  const v: Violation[] = [];
  const count = new Map<string, number>();
  for (const wf of workflows) count.set(wf.workflowId, (count.get(wf.workflowId) ?? 0) + 1);
  for (const [id, n] of count)
    if (n > 1)
      v.push({
        invariant: 'no-duplicate-workflows',
        jobId: id,
        detail: `${n} executions with workflow id ${id}`,
      });
  // The id an Idempotency-Key stands for, so even never-acknowledged submissions are accounted for.
  const expected = new Set(
    records.map((r) =>
      trainingWorkflowId({
        tenantId: LOCAL_TENANT,
        jobId: jobIdFromIdempotencyKey(LOCAL_TENANT, r.idempotencyKey),
      }),
    ),
  );
  for (const r of records) {
    if (r.jobId && !expected.has(trainingWorkflowId({ tenantId: LOCAL_TENANT, jobId: r.jobId })))
      v.push({
        invariant: 'no-duplicate-workflows',
        jobId: r.jobId,
        detail: `job id does not derive from key ${r.idempotencyKey}`,
      });
    if (r.jobId && !count.has(trainingWorkflowId({ tenantId: LOCAL_TENANT, jobId: r.jobId })))
      v.push({
        invariant: 'acknowledged-job-terminal',
        jobId: r.jobId,
        detail: 'acknowledged but no workflow exists',
      });
  }
  for (const id of count.keys())
    if (!expected.has(id))
      v.push({ invariant: 'no-duplicate-workflows', detail: `workflow ${id} belongs to no submission` });
  return v;
}
