/**
 * Storage faults injected from outside while a job runs, on both backends (issue 12).
 * On the code before this test existed each of them left `trainStyle` retrying for up to
 * 7 days; now a damaged latest checkpoint is skipped (and reported), and missing data the
 * job cannot do without fails it at once with a typed error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointFallback, TrainingReportInput } from '../../workflows/messages.ts';
import { pauseSignal, resumeSignal } from '../../workflows/messages.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { activityFacts, signalsOf } from '../harness/history.ts';
import { inPhase, startJob, waitForView } from '../helpers/jobs.ts';
import { cubeSha256, referenceCubeSha256 } from '../helpers/reference-run.ts';
import { BACKENDS } from '../helpers/storage-backends.ts';
import { applicationFailureOf } from '../helpers/workflow-failure.ts';

const checkpoints = (jobId: string) => `tenants/local/jobs/${jobId}/checkpoints/`;
// Two trainings per test on a shared 2-core machine: generous, and still bounded.
const SLOW = { timeout: 240_000 };

describe.each(BACKENDS)('storage faults on %s', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ backend });
    await h.startWorkers();
  });
  afterAll(() => h.close());

  type Job = Awaited<ReturnType<typeof startJob>>;

  /** Trains a while, pauses, lets `damage` act on the paused job's storage, resumes. */
  async function damageWhilePaused(params: Record<string, unknown>, damage: (job: Job) => Promise<void>) {
    const job = await startJob(h, { params });
    await waitForView(
      job.handle,
      (v) => (v.progress?.iteration ?? 0) >= 6 && v.progress!.iteration < 30,
      90_000,
    );
    await job.handle.signal(pauseSignal, {});
    await waitForView(job.handle, inPhase('paused'));
    await damage(job);
    await job.handle.signal(resumeSignal, {});
    return job;
  }

  async function fallbacksOf(job: Job): Promise<CheckpointFallback[]> {
    const reports = await signalsOf<TrainingReportInput>(job.handle, 'trainingReport');
    return reports.flatMap((r) => (r.checkpointFallback ? [r.checkpointFallback] : []));
  }

  it(
    'a garbage latest record: the job continues from the newest valid checkpoint, says so, same bytes',
    SLOW,
    async () => {
      const params = { iterations: 40, lutSize: 33, seed: 21 };
      const job = await damageWhilePaused(params, async ({ jobId }) => {
        const head = await h.store.raw.currentVersionKey(`${checkpoints(jobId)}latest.json`);
        await h.store.raw.put(head, '{"writer": {"run": garbage');
      });
      await job.handle.result();
      const [fallback] = await fallbacksOf(job);
      expect(fallback.resumedFrom).toBeGreaterThan(0);
      expect(fallback.skipped).toEqual([
        { key: null, reason: expect.stringMatching(/latest record is unreadable/) },
      ]);
      expect(await cubeSha256(h, job.ref)).toBe(await referenceCubeSha256(h, params));
    },
  );

  it(
    'the checkpoint the latest record names is gone: back to the one before it, same bytes',
    SLOW,
    async () => {
      const params = { iterations: 40, lutSize: 33, seed: 22 };
      let removed = '';
      const job = await damageWhilePaused(params, async ({ jobId, ref }) => {
        const latest = (await h.deps.storage.listCheckpoints(ref)).at(-1)!;
        removed = latest.key;
        await h.store.raw.delete(`${checkpoints(jobId)}${latest.key}.ckpt`);
      });
      await job.handle.result();
      const [fallback] = await fallbacksOf(job);
      expect(fallback.skipped).toEqual([{ key: removed, reason: 'its data is missing' }]);
      expect(await cubeSha256(h, job.ref)).toBe(await referenceCubeSha256(h, params));
    },
  );

  it(
    'the decoded pixels are gone: the job fails at once with BlobMissing, no retries burned',
    SLOW,
    async () => {
      const job = await damageWhilePaused({ iterations: 40, lutSize: 33 }, async ({ handle }) => {
        const facts = await activityFacts(handle);
        const decoded = facts.results.find((r) => r.activityType === 'decodeImage')!.result as {
          pixelsRef: { sha256: string };
        };
        await h.store.raw.delete(`tenants/local/blobs/${decoded.pixelsRef.sha256}`);
      });
      const failure = await applicationFailureOf(job.handle);
      expect(failure.type).toBe('BlobMissing');
      expect(failure.message).toMatch(
        /reading the training pixels of job local\/.+: blob [0-9a-f]{64} of tenant local not found/,
      );
      const facts = await activityFacts(job.handle);
      expect(facts.failures).toEqual([
        { activityType: 'trainStyle', type: 'BlobMissing', nonRetryable: true },
      ]);
      expect(facts.started.filter((s) => s.activityType === 'trainStyle').at(-1)!.attempt).toBe(1);
      expect((await waitForView(job.handle, inPhase('failed'))).error?.code).toBe('BlobMissing');
    },
  );
});
