import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { startJob } from '../helpers/jobs.ts';
import { activityFacts } from '../harness/history.ts';
import { styleImage } from '../harness/images.ts';
import { useHarness } from '../helpers/use-stack.ts';
import { setPriorityUpdate } from '../../workflows/messages.ts';

const h = useHarness({ workers: 'all' });

describe('bad input fails the job with a typed, non-retryable failure', () => {
  const cases: [string, () => Promise<Buffer>, Record<string, unknown>, string, string][] = [
    ['a truncated PNG', async () => (await styleImage()).subarray(0, 120), {}, 'InvalidImage', 'decodeImage'],
    [
      'HTML posing as an image',
      async () => Buffer.from('<!doctype html><html><body>hi</body></html>'),
      {},
      'UnsupportedFormat',
      'decodeImage',
    ],
    ['an out-of-range parameter', () => styleImage(), { lutSize: 18 }, 'InvalidParams', 'trainStyle'],
  ];

  it.each(cases)('%s → %s', async (_name, image, params, type, activity) => {
    const { handle } = await startJob(h, {
      image: await image(),
      params: { iterations: 3, lutSize: 17, ...params },
    });
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const failure = (err as WorkflowFailedError).cause;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).type).toBe(type);
    const facts = await activityFacts(handle);
    // No retries burned: exactly one attempt of the failing activity, marked non-retryable.
    expect(facts.started.filter((s) => s.activityType === activity)).toEqual([
      { activityType: activity, attempt: 1 },
    ]);
    expect(facts.failures).toEqual([{ activityType: activity, type, nonRetryable: true }]);
  });
});

describe('a bad update is refused and leaves the job alone', () => {
  it('setPriority validates its input and refuses finished jobs', async () => {
    const job = await startJob(h, { params: { iterations: 2, lutSize: 17 } });
    const rejected = await job.handle
      .executeUpdate(setPriorityUpdate, { args: [{ priority: 0 }] })
      .catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((rejected as WorkflowUpdateFailedError).cause?.message).toMatch(
      /priority must be an integer from 1 to 5/,
    );
    await expect(
      job.handle.executeUpdate(setPriorityUpdate, { args: [{ priority: 2 }] }),
    ).resolves.toMatchObject({ priority: 2 });
    await job.handle.result();
    // A closed workflow accepts no updates at all: the server refuses before any handler runs.
    const late = await job.handle
      .executeUpdate(setPriorityUpdate, { args: [{ priority: 1 }] })
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(Error);
    expect(String(late)).toMatch(/completed|closed|not found/i);
  });
});
