/**
 * readJobStatus: the documented way for a workflow to read another workflow's
 * state — a query sent by the client inside an activity.
 */
import { getClient } from '@temporalio/activity';
import { type JobView } from '../workflows/job-view.ts';
import { statusQuery } from '../workflows/messages.ts';

export interface ReadJobStatusInput {
  /** The training workflow to read (the caller knows it: it started it). */
  workflowId: string;
}

export function createJobStatusActivities() {
  /** The job view of another training workflow (running or closed). */
  async function readJobStatus(input: ReadJobStatusInput): Promise<JobView> {
    return getClient().workflow.getHandle(input.workflowId).query(statusQuery);
  }
  return { readJobStatus };
}
