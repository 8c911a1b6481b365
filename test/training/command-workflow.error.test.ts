/**
 * A failing command trainer through the real styleTrainingWorkflow: exit 65 (the input
 * can never work) fails the job at once, any other exit is retried.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainerRegistry } from '../../src/training/registry.ts';
import { fixtureTrainer, waitFor } from '../fixtures/command-fixture.ts';
import { activityFacts } from '../harness/history.ts';
import { startJob } from '../helpers/jobs.ts';
import { useHarness } from '../helpers/use-stack.ts';

describe('a failing command trainer through the workflow', () => {
  const h = useHarness();
  beforeAll(async () => {
    await h.startWorkers('all', {
      trainers: new TrainerRegistry([...h.deps.trainers.list(), fixtureTrainer()]),
    });
  });

  it('exit 65 fails the job with a non-retryable TrainerBadInput after exactly one attempt', async () => {
    const { handle } = await startJob(h, { baseModel: 'fixture', params: { fail: 'bad-input' } });
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const failure = (err as WorkflowFailedError).cause;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).type).toBe('TrainerBadInput');
    expect((failure as ApplicationFailure).message).toBe(
      'trainer fixture rejected its input: reference image rejected: fixture asked to fail with bad input',
    );
    const facts = await activityFacts(handle);
    expect(facts.started.filter((s) => s.activityType === 'trainStyle')).toEqual([
      { activityType: 'trainStyle', attempt: 1 },
    ]);
    expect(facts.failures).toEqual([
      { activityType: 'trainStyle', type: 'TrainerBadInput', nonRetryable: true },
    ]);
  });

  it('any other exit is retried', async () => {
    const { handle } = await startJob(h, { baseModel: 'fixture', params: { fail: 'crash' } });
    const pending = await waitFor(async () => {
      const activities = (await handle.describe()).raw.pendingActivities ?? [];
      return activities.find((a) => a.activityType?.name === 'trainStyle' && (a.attempt ?? 0) >= 2);
    }, 20_000);
    expect(pending.lastFailure?.message).toMatch(
      /^trainer fixture exited with code 3; stderr:\n.*fixture: simulated crash$/s,
    );
    await handle.cancel();
    await handle.result().catch(() => undefined);
  });
});
