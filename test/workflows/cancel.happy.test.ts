import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { type Storage } from '../../src/storage/types.ts';
import { type Harness } from '../helpers/harness.ts';
import { activityFacts } from '../harness/history.ts';
import { inPhase, startJob, waitForView } from '../helpers/jobs.ts';
import { pauseSignal, statusQuery } from '../../workflows/messages.ts';
import { useHarness } from '../helpers/use-stack.ts';

/** Storage whose reads of uploaded images are slow, so a job stays in `decoding` long enough to cancel it there. */
function slowImageReads(storage: Storage, ms: number): Storage {
  return new Proxy(storage, {
    get(target, prop, receiver) {
      if (prop === 'getBlob')
        return async (sha: string) => (await new Promise((r) => setTimeout(r, ms)), target.getBlob(sha));
      return Reflect.get(target, prop, receiver);
    },
  });
}

async function expectCancelled(
  h: Harness,
  jobId: string,
  handle: Awaited<ReturnType<typeof startJob>>['handle'],
) {
  const err = await handle.result().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowFailedError);
  expect((err as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
  expect((await handle.describe()).status.name).toBe('CANCELLED');
  const view = await handle.query(statusQuery);
  expect(view.phase).toBe('cancelled');
  expect(view.status).toBe('cancelled');
  // Cleanup ran: no checkpoints or artifacts are left behind.
  expect(await h.deps.storage.listCheckpoints(jobId)).toEqual([]);
  expect(await h.deps.storage.listArtifacts(jobId)).toEqual([]);
}

describe('cancel in every phase', () => {
  const h = useHarness();

  it('queued: the training task waits for a slot (no training worker) and is cancelled there', async () => {
    const orchestration = await h.startWorkers('orchestration');
    const { jobId, handle } = await startJob(h);
    await waitForView(handle, (v) => v.phase === 'training' && v.status === 'queued');
    await handle.cancel();
    await expectCancelled(h, jobId, handle);
    await orchestration.stop();
  });

  it('decoding', async () => {
    const workers = await h.startWorkers('all', { storage: slowImageReads(h.deps.storage, 3_000) });
    const { jobId, handle } = await startJob(h);
    await waitForView(handle, inPhase('decoding'));
    await handle.cancel();
    await expectCancelled(h, jobId, handle);
    await workers.stop();
  });

  it('training: the trainer stops within about an iteration and partial checkpoints are removed', async () => {
    const workers = await h.startWorkers('all');
    const { jobId, handle } = await startJob(h, { params: { iterations: 400, lutSize: 33 } });
    const before = await waitForView(handle, (v) => (v.progress?.iteration ?? 0) >= 3);
    expect((await h.deps.storage.listCheckpoints(jobId)).length).toBeGreaterThan(0);
    await handle.cancel();
    await expectCancelled(h, jobId, handle);
    expect(before.progress!.iteration).toBeLessThan(400);
    // WAIT_CANCELLATION_COMPLETED: the workflow only ended after the activity confirmed it
    // stopped (the heartbeat carried the cancellation), not when its heartbeat timed out.
    const facts = await activityFacts(handle);
    expect(facts.cancelled).toContain('trainStyle');
    expect(facts.timedOut).toEqual([]);
    await workers.stop();
  });

  it('paused', async () => {
    const workers = await h.startWorkers('all');
    const { jobId, handle } = await startJob(h, { params: { iterations: 400, lutSize: 33 } });
    await waitForView(handle, (v) => (v.progress?.iteration ?? 0) >= 2);
    await handle.signal(pauseSignal, {});
    await waitForView(handle, inPhase('paused'));
    await handle.cancel();
    await expectCancelled(h, jobId, handle);
    await workers.stop();
  });
});
