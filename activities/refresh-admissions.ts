/**
 * refreshAdmissions: what the admission workflow cannot see itself — whether the
 * workflows holding a tenant's slots are still open. Describe is strongly consistent, so
 * a job that just finished frees its slot at once; a running pack counts the styles not
 * finished yet (its status query). `discover` also lists the tenant's running training
 * jobs from visibility (eventually consistent; used once, to count jobs started before
 * the cap was set).
 */
import { getClient } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { packStatusQuery } from '../workflows/pack-messages.ts';
import { type EntryObservation } from '../workflows/tenant-limits.ts';

export interface RefreshAdmissionsInput {
  tenantId: string;
  workflowIds: string[];
  discover: boolean;
}

export interface RefreshAdmissionsResult {
  observed: EntryObservation[];
  /** Running training workflows of the tenant (only with `discover`). */
  running: string[];
}

/** Enough to know a tenant is over any sensible cap; the ledger stays small. */
const MAX_DISCOVERED = 500;
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

async function observe(workflowId: string): Promise<EntryObservation> {
  const handle = getClient().workflow.getHandle(workflowId);
  try {
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') return { workflowId, state: 'closed' };
    if (!workflowId.startsWith('pack:')) return { workflowId, state: 'running', active: 1 };
    // A pack's count shrinks as its styles finish; unknown (keep the weight) if it cannot answer.
    const view = await handle.query(packStatusQuery).catch(() => null);
    const active = view ? view.styles.filter((s) => !FINISHED.has(s.status)).length : undefined;
    return { workflowId, state: 'running', active };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { workflowId, state: 'missing' };
    throw err;
  }
}

async function discoverRunning(tenantId: string): Promise<string[]> {
  const query = `WorkflowType = 'styleTrainingWorkflow' AND ExecutionStatus = 'Running' AND TenantId = '${tenantId}'`;
  const ids: string[] = [];
  for await (const wf of getClient().workflow.list({ query, pageSize: 100 })) {
    ids.push(wf.workflowId);
    if (ids.length >= MAX_DISCOVERED) break;
  }
  return ids;
}

export function createAdmissionActivities() {
  /** See the module comment. The tenant id is pattern-checked by the workflow's input schema. */
  async function refreshAdmissions(input: RefreshAdmissionsInput): Promise<RefreshAdmissionsResult> {
    const observed: EntryObservation[] = [];
    for (const workflowId of input.workflowIds) observed.push(await observe(workflowId));
    return { observed, running: input.discover ? await discoverRunning(input.tenantId) : [] };
  }
  return { refreshAdmissions };
}
