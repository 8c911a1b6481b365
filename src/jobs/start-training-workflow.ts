/**
 * Starts the training workflow for a validated submission. The workflow id is derived
 * from (tenant, job id), so a repeated submission meets the same execution.
 *
 * Two steps, so that the common case (a new id) costs one RPC: `startNewTrainingWorkflow`
 * starts only where no execution holds the id (conflict policy FAIL, REJECT_DUPLICATE),
 * and says whether it did. Only when one does, the caller takes the slow path,
 * `startTrainingWorkflow`: USE_EXISTING while it runs, REJECT_DUPLICATE once it closed
 * (then the caller compares fingerprints on the closed one instead of starting a second
 * run) — unless that closed run was deleted (it has a tombstone): its id is free again.
 *
 * No eager workflow start (`requestEagerStart`): it needs a worker in the starting
 * process's client to take the first task, and the gateway has only a Client.
 */
import { type Client } from '@temporalio/client';
import {
  WorkflowExecutionAlreadyStartedError,
  type WorkflowIdConflictPolicy,
  type WorkflowIdReusePolicy,
} from '@temporalio/common';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import { type StyleTrainingInput } from '../../workflows/messages.ts';
import { trainingSearchAttributes } from '../../workflows/search-attributes.ts';
import { type styleTrainingWorkflow } from '../../workflows/style-training.ts';
import { type Storage } from '../storage/types.ts';
import { type JobMemoInput } from './job-memo.ts';

export interface StartTrainingOptions {
  client: Client;
  storage: Pick<Storage, 'readTombstone'>;
  taskQueue: string;
  input: StyleTrainingInput;
  memo: JobMemoInput;
  startAt?: Date;
}

function detailsMarkdown(input: StyleTrainingInput): string {
  // A bullet list: the Temporal UI renders markdown tables poorly in the details panel.
  const params = Object.entries(input.params).map(([k, v]) => `- ${k}: \`${JSON.stringify(v)}\``);
  return [
    `**Job** \`${input.jobId}\` · **tenant** \`${input.tenantId}\` · **priority** ${input.priority}`,
    '',
    `**Image** \`${input.image.sha256.slice(0, 16)}…\` (${input.image.contentType}, ${input.image.bytes} bytes)`,
    '',
    '**Parameters**',
    '',
    ...params,
  ].join('\n');
}

function start(
  opts: StartTrainingOptions,
  workflowIdReusePolicy: WorkflowIdReusePolicy,
  workflowIdConflictPolicy: WorkflowIdConflictPolicy = 'USE_EXISTING',
) {
  const { input } = opts;
  const delayMs = opts.startAt ? opts.startAt.getTime() - Date.now() : 0;
  return opts.client.workflow.start<typeof styleTrainingWorkflow>('styleTrainingWorkflow', {
    workflowId: trainingWorkflowId(input),
    taskQueue: opts.taskQueue,
    args: [input],
    workflowIdConflictPolicy,
    workflowIdReusePolicy,
    typedSearchAttributes: trainingSearchAttributes(input),
    memo: opts.memo,
    staticSummary: `Train style '${input.styleName}' with ${input.baseModel}`,
    staticDetails: detailsMarkdown(input),
    // Inherited by the activities; the tenant as fairness key keeps one tenant's flood from starving others.
    priority: { priorityKey: input.priority, fairnessKey: input.tenantId },
    // `startAt`: the execution exists at once (so the id is taken and visible) but its first task waits.
    startDelay: delayMs > 1000 ? delayMs : undefined,
  });
}

/**
 * Starts the job's workflow if no execution, running or closed, holds its id; resolves
 * with the new run's id, or null when one does (nothing was started: take the slow path).
 */
export async function startNewTrainingWorkflow(opts: StartTrainingOptions): Promise<string | null> {
  try {
    return (await start(opts, 'REJECT_DUPLICATE', 'FAIL')).firstExecutionRunId;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return null;
    throw err;
  }
}

/** Starts (or finds) the job's workflow; resolves once the server has it. */
export async function startTrainingWorkflow(opts: StartTrainingOptions): Promise<void> {
  try {
    await start(opts, 'REJECT_DUPLICATE');
  } catch (err) {
    // A closed execution holds the id. Only a deleted one may be replaced by a new run.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const tombstone = await opts.storage.readTombstone(opts.input);
    if (tombstone === null) return;
    const latest = await opts.client.workflow.getHandle(trainingWorkflowId(opts.input)).describe();
    if (latest.runId === tombstone) await start(opts, 'ALLOW_DUPLICATE');
  }
}
