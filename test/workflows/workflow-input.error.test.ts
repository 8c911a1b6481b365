/**
 * A workflow started by anyone — another workflow, another language — checks its input
 * first: bad input fails the execution in its first workflow task with a typed,
 * non-retryable InvalidInput naming the bad fields, before any activity is scheduled,
 * and the status query of the closed job says failed.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { packWorkflowId, trainingWorkflowId } from '../../workflows/job-identity.ts';
import { setPriorityUpdate, statusQuery } from '../../workflows/messages.ts';
import { startJob } from '../helpers/jobs.ts';
import { useHarness } from '../helpers/use-stack.ts';
import { styleImage } from '../harness/images.ts';

const h = useHarness({ workers: 'all' });

const validInput = async (jobId: string) => ({
  jobId,
  tenantId: 'acme',
  styleName: 'From elsewhere',
  baseModel: 'color-lut',
  image: await h.deps.storage.putBlob('acme', await styleImage(), 'image/png'),
  params: { iterations: 2, lutSize: 17 },
  priority: 3,
  createdAt: new Date().toISOString(),
});

/** Event types of the history, and the failure the execution closed with. */
async function closedWith(handle: WorkflowHandle) {
  const err = await handle.result().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const failure = (err as WorkflowFailedError).cause as ApplicationFailure;
  const history = await handle.fetchHistory();
  const events = (history.events ?? []).map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes')));
  return { failure, events };
}

const id = () => `wf-${randomUUID().slice(0, 8)}`;

describe('training workflow input from outside the gateway', () => {
  const cases: Array<[string, (input: Record<string, unknown>) => Record<string, unknown>, RegExp]> = [
    [
      'snake_case field names',
      ({ styleName, baseModel, ...rest }) => ({ ...rest, style_name: styleName, base_model: baseModel }),
      /styleName|style_name/,
    ],
    ['priority 9', (input) => ({ ...input, priority: 9 }), /priority/],
    ['a job id with a dot', (input) => ({ ...input, jobId: `${String(input.jobId)}.x` }), /jobId/],
    // (Parameters are the trainer's to judge: an unknown one fails the first trainStyle attempt
    // as InvalidParams, see bad-input.error. Their shape is the contract's.)
    ['params that are not an object', (input) => ({ ...input, params: 'fast' }), /params/],
    ['no image', ({ image: _image, ...rest }) => rest, /image/],
  ];

  it.each(cases)('%s fails in the first workflow task', async (_name, mutate, names) => {
    const jobId = id();
    const input = mutate(await validInput(jobId));
    const workflowId = trainingWorkflowId({ tenantId: 'acme', jobId: String(input.jobId ?? jobId) });
    const handle = await h.client.workflow.start('styleTrainingWorkflow', {
      workflowId,
      taskQueue: h.orchestrationQueue,
      args: [input],
    });
    const { failure, events } = await closedWith(handle);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.type).toBe('InvalidInput');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toMatch(names);
    expect(events).not.toContain('activityTaskScheduledEventAttributes');
    expect(events.filter((e) => e === 'workflowTaskCompletedEventAttributes')).toHaveLength(1);
    expect(events.at(-1)).toBe('workflowExecutionFailedEventAttributes');
    await expect(handle.query(statusQuery)).resolves.toMatchObject({ phase: 'failed' });
  });

  it('refuses a workflow id not derived from (tenant, id), and a pack child id outside its pack', async () => {
    const jobId = id();
    for (const [workflowId, input] of [
      [`training:other:${jobId}`, await validInput(jobId)],
      [trainingWorkflowId({ tenantId: 'acme', jobId: `${jobId}.1` }), await validInput(`${jobId}.1`)],
    ] as const) {
      const handle = await h.client.workflow.start('styleTrainingWorkflow', {
        workflowId,
        taskQueue: h.orchestrationQueue,
        args: [input],
      });
      const { failure, events } = await closedWith(handle);
      expect(failure.type).toBe('InvalidInput');
      expect(events).not.toContain('activityTaskScheduledEventAttributes');
    }
  });

  it('a pack with bad input fails the same way, starting no child', async () => {
    const packId = id();
    const handle = await h.client.workflow.start('stylePackWorkflow', {
      workflowId: packWorkflowId('acme', packId),
      taskQueue: h.orchestrationQueue,
      args: [{ packId, tenantId: 'acme', styles: [], priority: 3, createdAt: new Date().toISOString() }],
    });
    const { failure, events } = await closedWith(handle);
    expect(failure.type).toBe('InvalidInput');
    expect(failure.message).toMatch(/styles/);
    expect(events).not.toContain('startChildWorkflowExecutionInitiatedEventAttributes');
  });
});

describe('update validators', () => {
  it('reject a bad priority with a typed, non-retryable InvalidInput', async () => {
    const job = await startJob(h, { params: { iterations: 200, lutSize: 17 } });
    const bad = await job.handle
      .executeUpdate(setPriorityUpdate, { args: [{ priority: 9 }] })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (bad as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect([cause.type, cause.nonRetryable]).toEqual(['InvalidInput', true]);
    await job.handle.cancel();
    await job.handle.result().catch(() => undefined);
  });
});
