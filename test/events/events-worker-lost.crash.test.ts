import { describe, expect, it } from 'vitest';
import { collect, openEventStream } from '../helpers/event-stream.ts';
import { startWorkerProcess } from '../helpers/worker-process.ts';
import { createJob, waitForJob } from '../helpers/api-client.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

describe('events of a job whose training worker is SIGKILLed', () => {
  const h = useHarness({ workers: 'orchestration' });
  const gw = useGateway(h);

  it('the live stream and the log both say "retried after a lost worker", and attempt 2 resumes from a checkpoint', async () => {
    const first = await startWorkerProcess(h, 'training');
    const job = await createJob(gw, { params: { iterations: 80, lutSize: 33, seed: 5 } });
    const stream = await openEventStream(gw, job.id);
    const streamed = collect(stream);
    await waitForJob(gw, job.id, (j) => (j.progress?.iteration ?? 0) >= 10, { timeoutMs: 90_000 });
    await first.kill('SIGKILL');
    const second = await startWorkerProcess(h, 'training');
    let messages;
    try {
      messages = await streamed;
    } finally {
      await second.kill('SIGTERM');
    }

    const live = messages.filter((m) => m.event === 'event').map((m) => m.json);
    const log = (
      (await (await gw.fetch(`/v1/trainings/${job.id}/events?limit=500`)).json()) as {
        data: Array<Record<string, unknown>>;
      }
    ).data;
    for (const events of [live, log]) {
      const retried = events.findIndex((e) => e.type === 'retried');
      expect(retried, JSON.stringify(events.map((e) => e.type))).toBeGreaterThan(0);
      expect(events[retried]).toMatchObject({ data: { attempt: 2, reason: 'worker_lost' } });
      expect(events[retried].message).toContain('lost its worker');
      const next = events[retried + 1] as { type: string; data: { attempt: number; resumedFrom: number } };
      expect(next.type).toBe('attempt_started');
      expect(next.data.attempt).toBe(2);
      expect(next.data.resumedFrom).toBeGreaterThan(0);
      expect(events.at(-1)!.type).toBe('succeeded');
    }
    // Same ids live and afterwards: both come from the history.
    expect(live.map((e) => e.id)).toEqual(log.map((e) => e.id));
  }, 180_000);
});
