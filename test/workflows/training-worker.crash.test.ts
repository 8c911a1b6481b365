import { describe, expect, it } from 'vitest';
import { startJob, waitForView } from '../helpers/jobs.ts';
import { activityFacts } from '../harness/history.ts';
import { cubeSha256, referenceCubeSha256 } from '../helpers/reference-run.ts';
import { BACKENDS } from '../helpers/storage-backends.ts';
import { startWorkerProcess } from '../helpers/worker-process.ts';
import { useHarness } from '../helpers/use-stack.ts';

describe.each(BACKENDS)('a training worker SIGKILLed mid-training (%s storage)', (backend) => {
  const h = useHarness({ backend, workers: 'orchestration' });

  it(
    'the job completes on a restarted worker, resuming from a checkpoint > 0, with the same bytes as a clean run',
    { timeout: 240_000 },
    async () => {
      const params = { iterations: 80, lutSize: 33, seed: 3 };
      const first = await startWorkerProcess(h, 'training');
      const job = await startJob(h, { params });
      await waitForView(job.handle, (v) => (v.progress?.iteration ?? 0) >= 10, 90_000);
      const killed = await first.kill('SIGKILL');
      expect(killed.signal).toBe('SIGKILL');
      const checkpoint = (await h.deps.storage.readLatestCheckpoint(job.ref))!.record;
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

      expect(await cubeSha256(h, job.ref)).toBe(await referenceCubeSha256(h, params, 'process'));
    },
  );
});
