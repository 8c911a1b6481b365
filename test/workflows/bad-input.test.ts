import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { startJob } from '../helpers/jobs.ts';
import { activityFacts } from '../helpers/history.ts';
import { styleImage } from '../harness/images.ts';
import { useHarness } from '../helpers/use-stack.ts';

describe('bad input fails the job with a typed, non-retryable failure', () => {
  const h = useHarness({ workers: 'all' });

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
