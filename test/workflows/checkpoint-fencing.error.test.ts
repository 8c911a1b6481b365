/**
 * A training worker cut off from Temporal (network partition) keeps training until it
 * notices, seconds later; meanwhile the server has given the job to another worker. Before
 * fencing, the old attempt kept writing checkpoints for 1.7–3.5 s after the new one started
 * (issue 12). Now the new attempt's claim fences it: its writes are refused, the latest
 * checkpoint only ever moves forward under the new attempt, and the result is byte-identical.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { startJob, waitForView } from '../helpers/jobs.ts';
import { pollUntil } from '../helpers/poll.ts';
import { cubeSha256, referenceCubeSha256 } from '../helpers/reference-run.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';
import { startWorkerProcess } from '../helpers/worker-process.ts';

describe('a superseded training attempt cannot write checkpoints', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ backend: 's3' });
    await h.startWorkers('orchestration');
  });
  afterAll(() => h.close());

  it(
    'the partitioned worker is refused; the head never goes back to it; same bytes as a clean run',
    { timeout: 360_000 },
    async () => {
      // Long enough that the cut-off attempt is still training when it is taken over: with
      // the default patience (10), the small test image stopped early within a
      // few seconds on a fast host, before the claim, and the cut-off never tried another write.
      const params = { iterations: 600, lutSize: 33, patience: 100, seed: 13 };
      const proxy = await startTcpProxy(`http://${h.address}`);
      const cutOff = await startWorkerProcess(h, 'training', {
        TEMPORAL_ADDRESS: new URL(proxy.url).host,
        // It must keep training (and trying to write) well after the server gave up on it.
        CHECKPOINT_EVERY_MS: '100',
      });
      const job = await startJob(h, { params });
      await waitForView(job.handle, (v) => (v.progress?.iteration ?? 0) >= 5, 90_000);
      // The replacement polls before the partition: a worker's start-up takes seconds on a loaded
      // machine, and the cut-off attempt must still be training when the replacement claims the job.
      const replacement = await startWorkerProcess(h, 'training');
      await proxy.close(); // the partition: no connection to Temporal, storage still reachable
      const writers: number[] = [];
      let done = false;
      const watching = (async () => {
        while (!done) {
          const latest = await h.deps.storage.readLatestCheckpoint(job.ref).catch(() => null);
          if (latest && latest.record.writer.attempt !== writers.at(-1))
            writers.push(latest.record.writer.attempt);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const refusal = /may not write checkpoints: taken over by run 1 attempt 2/;
      try {
        await job.handle.result();
        // The cut-off attempt may be slow to try its next write (on a loaded machine an S3
        // write can take seconds): the refusal is awaited, not assumed to have happened yet.
        await pollUntil(async () => refusal.test(cutOff.output()), Boolean, {
          what: 'the cut-off worker to be refused a checkpoint write',
          timeoutMs: 60_000,
        });
      } finally {
        done = true;
        await watching;
        await Promise.all([cutOff.kill('SIGKILL'), replacement.kill('SIGTERM')]);
      }
      // Attempt 1 until the replacement claimed, then only later attempts: never back.
      expect(writers[0]).toBe(1);
      expect(writers.slice(writers.findIndex((a) => a > 1))).not.toContain(1);
      expect(cutOff.output()).toMatch(refusal);

      expect(await cubeSha256(h, job.ref)).toBe(await referenceCubeSha256(h, params, 'process'));
    },
  );
});
