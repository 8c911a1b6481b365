/**
 * What the kills cost the jobs, read from their real event histories: how many
 * activity attempts each needed and how many training runs resumed from a checkpoint
 * instead of starting over. Facts for the report, not invariants.
 */
import { type Client } from '@temporalio/client';
import { LOCAL_TENANT } from '../../src/auth/api-keys.ts';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import { activityFacts } from '../harness/history.ts';

export interface TrainingStats {
  jobsChecked: number;
  /** Jobs whose activity (any type) needed more than one attempt. */
  jobsWithRetries: number;
  /** Attempts beyond the first, by activity type. */
  extraAttempts: Record<string, number>;
  /** Training runs that continued from a checkpoint (resumedFrom > 0). */
  resumedFromCheckpoint: number;
  /** Jobs whose training activity needed another attempt. */
  jobsWithTrainingRetries: string[];
}

export async function trainingStats(client: Client, jobIds: string[]): Promise<TrainingStats> {
  const stats: TrainingStats = {
    jobsChecked: 0,
    jobsWithRetries: 0,
    extraAttempts: {},
    resumedFromCheckpoint: 0,
    jobsWithTrainingRetries: [],
  };
  for (const jobId of jobIds) {
    const facts = await activityFacts(
      client.workflow.getHandle(trainingWorkflowId({ tenantId: LOCAL_TENANT, jobId: jobId })),
    );
    stats.jobsChecked += 1;
    // For a retried activity the history records only the attempt that ended it, with its number.
    const extra = facts.started.filter((s) => s.attempt > 1);
    if (extra.length) stats.jobsWithRetries += 1;
    if (extra.some((s) => s.activityType === 'trainStyle')) stats.jobsWithTrainingRetries.push(jobId);
    for (const s of extra)
      stats.extraAttempts[s.activityType] = (stats.extraAttempts[s.activityType] ?? 0) + s.attempt - 1;
    for (const r of facts.results) {
      if (r.activityType === 'trainStyle' && ((r.result as { resumedFrom?: number })?.resumedFrom ?? 0) > 0)
        stats.resumedFromCheckpoint += 1;
    }
  }
  return stats;
}
