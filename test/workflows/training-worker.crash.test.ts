import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startJob, waitForView } from '../helpers/jobs.ts';
import { activityFacts } from '../harness/history.ts';
import { startWorkerProcess } from '../helpers/worker-process.ts';
import { useHarness } from '../helpers/use-stack.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('a training worker SIGKILLed mid-training', () => {
  const h = useHarness({ workers: 'orchestration' });

  it('the job completes on a restarted worker, resuming from a checkpoint > 0, with the same bytes as a clean run', async () => {
    const params = { iterations: 80, lutSize: 33, seed: 3 };
    const first = await startWorkerProcess(h, 'training');
    const job = await startJob(h, { params });
    await waitForView(job.handle, (v) => (v.progress?.iteration ?? 0) >= 10, 90_000);
    const killed = await first.kill('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const checkpoint = (await h.deps.storage.readLatestCheckpoint(job.jobId))!.record;
    expect(checkpoint.iteration).toBeGreaterThan(0);

    const second = await startWorkerProcess(h, 'training');
    try {
      await job.handle.result();
    } finally {
      await second.kill('SIGTERM');
    }
    const facts = await activityFacts(job.handle);
    const training = facts.started.filter((s) => s.activityType === 'trainStyle');
    expect(training.at(-1)!.attempt).toBeGreaterThanOrEqual(2);
    const trained = facts.results.find((r) => r.activityType === 'trainStyle')!.result as {
      resumedFrom: number;
    };
    expect(trained.resumedFrom).toBeGreaterThanOrEqual(checkpoint.iteration);
    console.log(
      `SIGKILLed at checkpoint ${checkpoint.iteration}; attempt ${training.at(-1)!.attempt} resumed from iteration ${trained.resumedFrom}`,
    );

    const reference = await startJob(h, { params });
    const refWorker = await startWorkerProcess(h, 'training');
    try {
      await reference.handle.result();
    } finally {
      await refWorker.kill('SIGTERM');
    }
    const [a, b] = await Promise.all(
      [job.jobId, reference.jobId].map((id) => h.deps.storage.readArtifact(id, 'style.cube')),
    );
    expect(sha256(a)).toBe(sha256(b));
  });
});
