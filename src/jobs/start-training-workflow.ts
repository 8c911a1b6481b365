/**
 * Starts the training workflow for a validated submission. The workflow id is the job
 * id, so a repeated submission meets the same execution: USE_EXISTING while it runs,
 * REJECT_DUPLICATE once it closed (then we read the closed one instead of starting a
 * second run). What the caller gets back is decided by comparing memo fingerprints.
 */
import { type Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { trainingWorkflowId, type StyleTrainingInput } from '../../workflows/messages.ts';
import {
  BaseModelKey,
  StyleNameKey,
  TenantIdKey,
  TrainingPhaseKey,
} from '../../workflows/search-attributes.ts';
import { type styleTrainingWorkflow } from '../../workflows/style-training.ts';
import { type JobMemoInput } from './job-memo.ts';

export interface StartTrainingOptions {
  client: Client;
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

/** Starts (or finds) the job's workflow; resolves once the server has it. */
export async function startTrainingWorkflow(opts: StartTrainingOptions): Promise<void> {
  const { input } = opts;
  const delayMs = opts.startAt ? opts.startAt.getTime() - Date.now() : 0;
  try {
    await opts.client.workflow.start<typeof styleTrainingWorkflow>('styleTrainingWorkflow', {
      workflowId: trainingWorkflowId(input.jobId),
      taskQueue: opts.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: TrainingPhaseKey, value: 'queued' },
        { key: TenantIdKey, value: input.tenantId },
        { key: StyleNameKey, value: input.styleName },
        { key: BaseModelKey, value: input.baseModel },
      ],
      memo: opts.memo,
      staticSummary: `Train style '${input.styleName.replace(/[\r\n]+/g, ' ')}' with ${input.baseModel}`,
      staticDetails: detailsMarkdown(input),
      // Inherited by the activities; the tenant as fairness key keeps one tenant's flood from starving others.
      priority: { priorityKey: input.priority, fairnessKey: input.tenantId },
      // `startAt`: the execution exists at once (so the id is taken and visible) but its first task waits.
      startDelay: delayMs > 1000 ? delayMs : undefined,
    });
  } catch (err) {
    // A closed execution with this id: the caller compares fingerprints on the existing one.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
