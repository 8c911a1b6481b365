/**
 * Regression tests for what `npm run chaos` found: a job cancelled (or paused) right
 * after its training worker was SIGKILLed. The server has the cancelled activity time
 * out on its heartbeat instead of cancelling it, and the workflow used to treat that
 * timeout as a failure: the job ended `failed`. Now a cancel ends `cancelled` and a
 * pause pauses, then resumes on a new worker with the same bytes as a clean run.
 */
import { createHash } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { pauseSignal, resumeSignal } from '../../workflows/messages.ts';
import { inPhase, startJob, waitForView } from '../helpers/jobs.ts';
import { styleImage } from '../harness/images.ts';
import { startWorkerProcess } from '../helpers/worker-process.ts';
import { referenceCubeSha256 } from '../harness/reference-trainer.ts';
import { useHarness } from '../helpers/use-stack.ts';

/** About 6 s of training: long enough to be killed in the middle. */
const LONG = { lutSize: 17, iterations: 300, patience: 100, seed: 5 };

describe('a message that meets a lost training worker', () => {
  const h = useHarness({ workers: 'orchestration' });

  async function trainingThenKill() {
    const worker = await startWorkerProcess(h, 'training');
    const job = await startJob(h, { params: LONG });
    await waitForView(job.handle, (v) => (v.progress?.iteration ?? 0) >= 3, 90_000);
    await worker.kill('SIGKILL');
    return job;
  }

  it('cancel: the job ends cancelled, not failed', async () => {
    const job = await trainingThenKill();
    await job.handle.cancel();
    const err = await job.handle.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    expect((await job.handle.describe()).status.name).toBe('CANCELLED');
  }, 120_000);

  it('pause: the job pauses, then resumes on a new worker and succeeds', async () => {
    const job = await trainingThenKill();
    await job.handle.signal(pauseSignal);
    // The heartbeat timeout (4 s here) has to pass before the server gives up on the dead attempt.
    await waitForView(job.handle, inPhase('paused'), 30_000);
    const worker = await startWorkerProcess(h, 'training');
    try {
      await job.handle.signal(resumeSignal);
      await job.handle.result();
    } finally {
      await worker.kill('SIGTERM');
    }
    expect((await job.handle.describe()).status.name).toBe('COMPLETED');
    const cube = await h.deps.storage.readArtifact(job.jobId, 'style.cube');
    const reference = await referenceCubeSha256({
      image: await styleImage(),
      params: LONG,
      styleName: 'Test style',
    });
    expect(createHash('sha256').update(cube).digest('hex')).toBe(reference);
  }, 180_000);
});
