import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inPhase, startJob, waitForView } from '../helpers/jobs.ts';
import { pauseSignal, resumeSignal } from '../../workflows/messages.ts';
import { useHarness } from '../helpers/use-stack.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('pause and resume', () => {
  const h = useHarness({ workers: 'all' });

  it('pause frees the training slot; resume continues from the checkpoint to the same bytes as an uninterrupted run', async () => {
    const params = { iterations: 60, lutSize: 33, seed: 5 };
    const job = await startJob(h, { params });
    await waitForView(job.handle, (v) => (v.progress?.iteration ?? 0) >= 5);
    await job.handle.signal(pauseSignal, { reason: 'test' });
    const paused = await waitForView(job.handle, inPhase('paused'));
    expect(paused.status).toBe('paused');
    const checkpoint = (await h.deps.storage.readLatestCheckpoint(job.jobId))!.record;
    expect(checkpoint.iteration).toBeGreaterThan(0);

    // The single training slot is free: another job trains to completion meanwhile.
    const other = await startJob(h, { params: { iterations: 3, lutSize: 17 } });
    await other.handle.result();

    await job.handle.signal(resumeSignal, {});
    const resumed = await waitForView(
      job.handle,
      (v) => v.trainingRuns === 2 && v.progress !== null && v.status === 'running',
    );
    // The second run starts from the checkpoint, not from iteration 0.
    expect(resumed.progress!.iteration).toBeGreaterThanOrEqual(checkpoint.iteration);
    await job.handle.result();

    const reference = await startJob(h, { params });
    await reference.handle.result();
    const [a, b] = await Promise.all(
      [job.jobId, reference.jobId].map((id) => h.deps.storage.readArtifact(id, 'style.cube')),
    );
    expect(sha256(a)).toBe(sha256(b));
  });

  it('pause while the training task waits for a slot: the job parks in paused, then resumes', async () => {
    // Workers for both queues run (beforeAll); a long job holds the only training slot.
    const blocker = await startJob(h, { params: { iterations: 1000, lutSize: 33, patience: 100 } });
    await waitForView(blocker.handle, (v) => v.status === 'running');
    const waiting = await startJob(h, { params: { iterations: 3, lutSize: 17 } });
    await waitForView(waiting.handle, (v) => v.phase === 'training' && v.status === 'queued');
    await waiting.handle.signal(pauseSignal, {});
    const parked = await waitForView(waiting.handle, inPhase('paused'));
    expect(parked.trainingRuns).toBe(1);
    await blocker.handle.cancel();
    await waiting.handle.signal(resumeSignal, {});
    await waiting.handle.result();
    const done = await waitForView(waiting.handle, inPhase('succeeded'));
    expect(done.trainingRuns).toBe(2);
  });

  it('a resume that arrives while still pausing simply continues the job', async () => {
    const job = await startJob(h, { params: { iterations: 40, lutSize: 33, seed: 8 } });
    await waitForView(job.handle, (v) => (v.progress?.iteration ?? 0) >= 3);
    await job.handle.signal(pauseSignal, {});
    await new Promise((r) => setTimeout(r, 20));
    await job.handle.signal(resumeSignal, {});
    await job.handle.result();
    const done = await waitForView(job.handle, inPhase('succeeded'));
    expect(done.trainingRuns).toBe(2);
  });
});
