/**
 * The facts of a job this request has just started, from what it wrote: the same shape
 * describe() gives (describe-job.ts), so the 202 answer goes through the same view
 * builder as a GET and has the same fields, without a describe() round trip. A new job
 * is running, in phase `queued` (the search attribute the start set), with no training
 * attempt yet; its execution time is its delayed start, if any.
 */
import { type JobRef } from '../../workflows/job-identity.ts';
import { type JobFacts } from './describe-job.ts';
import { type JobMemo } from './job-memo.ts';

export interface NewJob extends JobRef {
  runId: string;
  taskQueue: string;
  memo: JobMemo;
  startAt?: Date;
  /** When the start was accepted (the server's own start time is within a round trip of it). */
  now?: Date;
}

export function factsOfNewJob(job: NewJob): JobFacts {
  const startTime = job.now ?? new Date();
  return {
    jobId: job.jobId,
    tenantId: job.tenantId,
    runId: job.runId,
    executionStatus: 'RUNNING',
    cancelRequested: false,
    taskQueue: job.taskQueue,
    startTime,
    executionTime: job.startAt ?? startTime,
    closeTime: null,
    phase: 'queued',
    memo: job.memo,
    training: null,
    retry: null,
  };
}
