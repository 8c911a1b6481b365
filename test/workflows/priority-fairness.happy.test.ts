import { describe, expect, it } from 'vitest';
import { type Harness } from '../helpers/harness.ts';
import { startJob, waitForView } from '../helpers/jobs.ts';
import { activityStartTimes } from '../harness/history.ts';
import { waitForBacklog, type BacklogByPriority } from '../harness/task-queue-backlog.ts';
import { setPriorityUpdate } from '../../workflows/messages.ts';
import { useHarness } from '../helpers/use-stack.ts';

const quick = { iterations: 1, lutSize: 17 };
/** Real jobs on a shared dev server: generous on a loaded 2-core machine. */
const TEST_TIMEOUT_MS = 240_000;

const total = (counts: BacklogByPriority) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Queues jobs with no training worker running, so every training task waits in the queue. */
async function queueJobs(h: Harness, specs: { priority: number; tenantId: string }[]) {
  const jobs = [];
  for (const spec of specs) jobs.push({ ...spec, ...(await startJob(h, { ...spec, params: quick })) });
  for (const j of jobs) await waitForView(j.handle, (v) => v.phase === 'training' && v.status === 'queued');
  return jobs;
}

async function trainingStartOrder(jobs: Awaited<ReturnType<typeof queueJobs>>) {
  await Promise.all(jobs.map((j) => j.handle.result()));
  const starts = await Promise.all(
    jobs.map(async (j) => ({ ...j, startedAt: (await activityStartTimes(j.handle, 'trainStyle'))[0] })),
  );
  return starts.sort((a, b) => a.startedAt - b.startedAt);
}

describe('one training slot: priority and per-tenant fairness decide who trains next', () => {
  const h = useHarness();

  it(
    'ten jobs at priority 5 queued, then one at priority 1 → it trains first',
    async () => {
      const orchestration = await h.startWorkers('orchestration');
      const low = await queueJobs(
        h,
        Array.from({ length: 10 }, () => ({ priority: 5, tenantId: 'tenant-a' })),
      );
      const [urgent] = await queueJobs(h, [{ priority: 1, tenantId: 'tenant-a' }]);
      await waitForBacklog(h.client, h.trainingQueue, (c) => (c['1'] ?? 0) >= 1 && total(c) >= 11);
      const training = await h.startWorkers('training');
      const order = await trainingStartOrder([...low, urgent]);
      console.log(`priority start order: ${order.map((j) => `p${j.priority}`).join(' ')}`);
      expect(order[0].jobId).toBe(urgent.jobId);
      await training.stop();
      await orchestration.stop();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'setPriority re-queues a waiting training task with its new priority',
    async () => {
      const orchestration = await h.startWorkers('orchestration');
      const [first, second] = await queueJobs(h, [
        { priority: 5, tenantId: 'tenant-a' },
        { priority: 5, tenantId: 'tenant-a' },
      ]);
      const answer = await second.handle.executeUpdate(setPriorityUpdate, { args: [{ priority: 1 }] });
      expect(answer).toEqual({ priority: 1, requeued: true });
      await waitForView(
        second.handle,
        (v) => v.phase === 'training' && v.status === 'queued' && v.trainingRuns === 2,
      );
      await waitForBacklog(h.client, h.trainingQueue, (c) => (c['1'] ?? 0) >= 1 && (c['5'] ?? 0) >= 1);
      const training = await h.startWorkers('training');
      const order = await trainingStartOrder([first, second]);
      expect(order.map((j) => j.jobId)).toEqual([second.jobId, first.jobId]);
      await training.stop();
      await orchestration.stop();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'tenant A queues twenty, tenant B two → B starts before A’s backlog is done',
    async () => {
      const orchestration = await h.startWorkers('orchestration');
      const a = await queueJobs(
        h,
        Array.from({ length: 20 }, () => ({ priority: 3, tenantId: 'tenant-a' })),
      );
      const b = await queueJobs(
        h,
        Array.from({ length: 2 }, () => ({ priority: 3, tenantId: 'tenant-b' })),
      );
      await waitForBacklog(h.client, h.trainingQueue, (c) => total(c) >= 22);
      const training = await h.startWorkers('training');
      const order = await trainingStartOrder([...a, ...b]);
      const positions = order.flatMap((j, i) => (j.tenantId === 'tenant-b' ? [i + 1] : []));
      console.log(
        `fairness start order: ${order.map((j) => j.tenantId.slice(-1).toUpperCase()).join('')} (B at ${positions.join(', ')} of 22)`,
      );
      // Without fairness B would start at 21 and 22; weighted round-robin interleaves it early.
      expect(Math.max(...positions)).toBeLessThanOrEqual(10);
      await training.stop();
      await orchestration.stop();
    },
    TEST_TIMEOUT_MS,
  );
});
