/**
 * A full (ENOSPC) or read-only (EROFS) job directory, for real: a tiny tmpfs mounted over
 * it. On the code before this test existed the training activity retried for up to 7 days
 * with the cause visible only deep in Temporal; now each retry carries the cause, the API
 * shows it while it lasts (status `retrying`, `lastError`, a `retried` event per retry
 * with the reason), and after ATELIER_STORAGE_MAX_RETRIES storage failures in a row the
 * job fails with it.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiJob } from '../../src/jobs/api-job.ts';
import { type JobEvent } from '../../src/events/job-event.ts';
import { startGateway, type Gateway } from '../helpers/gateway-harness.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { pollUntil } from '../helpers/poll.ts';
import { activityFacts } from '../harness/history.ts';
import { inPhase, startJob, waitForView } from '../helpers/jobs.ts';
import { canMountTmpfs, mountTmpfs, type Tmpfs } from '../helpers/tmpfs.ts';
import { applicationFailureOf } from '../helpers/workflow-failure.ts';

const MAX_RETRIES = 2;
const mountable = await canMountTmpfs();
if (!mountable) console.warn('storage-unwritable: skipped, this machine cannot mount a tmpfs (needs root)');

describe.skipIf(!mountable)('a job directory that cannot be written', () => {
  let h: Harness;
  let gw: Gateway;
  const mounts: Tmpfs[] = [];
  beforeAll(async () => {
    h = await createHarness();
    await h.startWorkers('all', { storageMaxRetries: MAX_RETRIES });
    gw = await startGateway(h);
  });
  afterAll(async () => {
    for (const m of mounts) await m.unmount().catch(() => undefined);
    await gw?.close();
    await h.close();
  });

  /** GET /v1/trainings/{id} shows the retry while it lasts: status `retrying`, the cause in `lastError`. */
  async function viewWhileRetrying(jobId: string, cause: RegExp): Promise<ApiJob> {
    return pollUntil(
      async () => (await gw.fetch(`/v1/trainings/${jobId}`)).json() as Promise<ApiJob>,
      (v) => v.status === 'retrying' && cause.test(v.lastError?.message ?? ''),
      { what: `job ${jobId} retrying with ${cause}`, timeoutMs: 60_000 },
    );
  }

  /** The event log has one `retried` event per retry, with the attempt and the cause. */
  async function expectRetriedEvents(jobId: string, cause: RegExp) {
    const page = (await (await gw.fetch(`/v1/trainings/${jobId}/events`)).json()) as { data: JobEvent[] };
    const retried = page.data.filter((e) => e.type === 'retried');
    expect(retried.map((e) => e.data.attempt)).toEqual([2, 3]);
    for (const e of retried) {
      expect(e.message).toMatch(/^Retrying training \(attempt \d\): StorageUnavailable: /);
      expect(e.message).toMatch(cause);
      expect(e.data).toMatchObject({ activity: 'trainStyle', reason: 'error' });
    }
  }

  const jobDir = (jobId: string) => path.join(h.dataDir, 'tenants', 'local', 'jobs', jobId);

  /** While the job retries, the pending training activity carries the cause. */
  async function causeWhileRetrying(
    job: Awaited<ReturnType<typeof startJob>>,
    cause: RegExp,
  ): Promise<string> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const pending = (await job.handle.describe()).raw.pendingActivities ?? [];
      const failure = pending.find((a) => a.activityType?.name === 'trainStyle')?.lastFailure;
      if (failure?.message && cause.test(failure.message)) return failure.message;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no retry carrying ${cause} seen`);
  }

  async function expectGivenUp(job: Awaited<ReturnType<typeof startJob>>, cause: RegExp) {
    const failure = await applicationFailureOf(job.handle);
    expect(failure.type).toBe('StorageUnavailable');
    expect(failure.message).toMatch(
      /storage failed 3 times in a row, giving up \(ATELIER_STORAGE_MAX_RETRIES=2\)/,
    );
    expect(failure.message).toMatch(cause);
    const facts = await activityFacts(job.handle);
    expect(facts.failures).toEqual([
      { activityType: 'trainStyle', type: 'StorageUnavailable', nonRetryable: true },
    ]);
    expect(facts.started.filter((s) => s.activityType === 'trainStyle').at(-1)!.attempt).toBe(
      MAX_RETRIES + 1,
    );
    expect((await waitForView(job.handle, inPhase('failed'))).error?.code).toBe('StorageUnavailable');
  }

  it('full (ENOSPC): retries say why, then the job fails with the cause', { timeout: 120_000 }, async () => {
    const jobId = `full-${Date.now()}`;
    // Room for the head record, not for a checkpoint of a 33³ LUT.
    mounts.push(await mountTmpfs(jobDir(jobId), '16k'));
    const job = await startJob(h, { jobId, params: { iterations: 40, lutSize: 33 } });
    expect(await causeWhileRetrying(job, /ENOSPC: no space left on device/)).toMatch(
      /^writing checkpoint \d+ of job local\//,
    );
    const view = await viewWhileRetrying(jobId, /ENOSPC: no space left on device/);
    expect(view.lastError).toMatchObject({ code: 'StorageUnavailable', activity: 'trainStyle' });
    expect(view.lastError!.message).toMatch(/^writing checkpoint \d+ of job local\//);
    expect(view.queue?.position ?? null).toBeNull(); // not "waiting for a training slot"
    await expectGivenUp(job, /ENOSPC: no space left on device, write/);
    await expectRetriedEvents(jobId, /ENOSPC: no space left on device/);
  });

  it(
    'read-only (EROFS) under a running training: retries say why, then the job fails with the cause',
    { timeout: 120_000 },
    async () => {
      const jobId = `readonly-${Date.now()}`;
      const disk = await mountTmpfs(jobDir(jobId), '8m');
      mounts.push(disk);
      const job = await startJob(h, { jobId, params: { iterations: 200, lutSize: 33 } });
      await waitForView(job.handle, (v) => (v.progress?.iteration ?? 0) >= 3, 90_000);
      await disk.readOnly();
      await causeWhileRetrying(job, /EROFS: read-only file system/);
      await viewWhileRetrying(jobId, /EROFS: read-only file system/);
      await expectGivenUp(job, /EROFS: read-only file system/);
      await expectRetriedEvents(jobId, /EROFS: read-only file system/);
    },
  );
});
