/**
 * A census of the running jobs of one deployment (its orchestration task queue), from
 * Temporal visibility alone, for the gateway's metrics: how many jobs are in each phase,
 * and how many of each tenant's are waiting for a training slot. Every gateway of a
 * deployment reports the same numbers (dashboards take the max, not the sum).
 *
 * "Waiting" is the queue tracker's cheap test: phase `queued` or `training` and training
 * never started (no `startedAt` in the memo), a delayed start counting once it is due. A
 * job paused after it started and resumed while slots are busy is not counted: the exact
 * test needs a describe() per job. Visibility is eventually consistent; at most `maxScan`
 * jobs are read (`truncated` says so). One scan serves every scrape within `ttlMs`.
 */
import { type Client } from '@temporalio/client';
import { TenantIdKey, TrainingPhaseKey } from '../../workflows/search-attributes.ts';
import { JOB_PHASES, TERMINAL_PHASES, type JobPhase } from '../../workflows/job-view.ts';
import { parseJobMemo } from './job-memo.ts';

export const RUNNING_PHASES = JOB_PHASES.filter((p) => !TERMINAL_PHASES.includes(p));

export interface JobCensus {
  byPhase: Map<JobPhase, number>;
  /** Every tenant with a running job, and how many of its jobs wait. */
  waitingByTenant: Map<string, number>;
  truncated: boolean;
}

export function createJobCensus(
  client: Client,
  opts: { taskQueue: string; maxScan?: number; ttlMs?: number },
): { take(): Promise<JobCensus> } {
  const { taskQueue, maxScan = 10_000, ttlMs = 5_000 } = opts;
  let last: { at: number; census: JobCensus } | undefined;
  let inflight: Promise<JobCensus> | undefined;

  async function scan(): Promise<JobCensus> {
    const now = Date.now();
    const byPhase = new Map<JobPhase, number>(RUNNING_PHASES.map((p) => [p, 0]));
    const waitingByTenant = new Map<string, number>();
    const query = `WorkflowType = 'styleTrainingWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue}'`;
    let seen = 0;
    for await (const wf of client.workflow.list({ query, pageSize: 1000 })) {
      if (++seen > maxScan) return { byPhase, waitingByTenant, truncated: true };
      const phase = wf.typedSearchAttributes.get(TrainingPhaseKey) as JobPhase | undefined;
      const memo = parseJobMemo(wf.memo);
      const tenant = wf.typedSearchAttributes.get(TenantIdKey) ?? memo?.tenantId;
      // Every tenant with a running workflow gets a series, 0 when nothing of it waits (one
      // that finished training may still be delivering its webhooks).
      if (tenant && !waitingByTenant.has(tenant)) waitingByTenant.set(tenant, 0);
      if (!phase || !byPhase.has(phase)) continue;
      byPhase.set(phase, (byPhase.get(phase) ?? 0) + 1);
      if (!tenant) continue;
      const due = !memo?.scheduledFor || Date.parse(memo.scheduledFor) <= now;
      const waiting = (phase === 'queued' || phase === 'training') && memo?.startedAt === null && due;
      if (waiting) waitingByTenant.set(tenant, (waitingByTenant.get(tenant) ?? 0) + 1);
    }
    return { byPhase, waitingByTenant, truncated: false };
  }

  return {
    async take() {
      if (last && Date.now() - last.at < ttlMs) return last.census;
      inflight ??= scan()
        .then((census) => {
          last = { at: Date.now(), census };
          return census;
        })
        .finally(() => (inflight = undefined));
      return inflight;
    },
  };
}
