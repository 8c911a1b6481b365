import { describe, expect, it } from 'vitest';
import { TrainerRegistry } from '../../src/training/registry.ts';
import { type Trainer } from '../../src/training/trainer.ts';
import { startGateway } from '../helpers/gateway-harness.ts';
import { collect, openEventStream } from '../helpers/event-stream.ts';
import { createJob, isTerminal, waitForJob } from '../helpers/api-client.ts';
import { slowTrainer, testTrainers } from '../http/fixtures/slow-trainer.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

/** When the trainer reported each iteration (the activity heartbeats in that same call). */
const producedAt = new Map<string, number>();
const timedTrainer: Trainer = {
  ...slowTrainer,
  name: 'timed-test',
  train: (run) =>
    slowTrainer.train({
      ...run,
      onProgress: (p) => {
        producedAt.set(`${run.jobId}:${p.iteration}`, Date.now());
        run.onProgress(p);
      },
    }),
};
const trainers = () => new TrainerRegistry([...testTrainers().list(), timedTrainer]);

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

describe('GET /v1/trainings/{id}/events (SSE)', () => {
  const h = useHarness({ workers: 'all', deps: { trainers: trainers() } });
  const gw = useGateway(h, { trainers: trainers() });

  it('streams events and live progress (at most every 500 ms), the terminal event, `end`, then closes', async () => {
    const job = await createJob(gw, { baseModel: 'timed-test', params: { iterations: 30, delayMs: 200 } });
    const stream = await openEventStream(gw, job.id);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const messages = await collect(stream); // ends when the server closes the stream
    const events = messages.filter((m) => m.event === 'event');
    expect(events[0].json.type).toBe('created');
    expect(events.every((m) => m.id === m.json.id)).toBe(true);
    expect(messages.at(-2)!.json.type).toBe('succeeded');
    expect(messages.at(-1)).toMatchObject({
      event: 'end',
      json: { status: 'succeeded', lastEventId: messages.at(-2)!.id },
    });

    const progress = messages.filter((m) => m.event === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.every((m) => m.id === null)).toBe(true); // never a resume point
    const iterations = progress.map((m) => m.json.iteration as number);
    expect(iterations).toEqual([...iterations].sort((a, b) => a - b));
    expect(iterations[0]).toBeLessThan(30); // live: seen while training still ran
    // Sampled, not forwarded: the trainer heartbeats each of its 30 iterations (200 ms apart),
    // the stream samples every 500 ms, so some iterations are never sent on their own. Arrival
    // gaps are not asserted: a loaded client reads two samples from its socket at once.
    expect(progress.length).toBeLessThan(30);

    // Heartbeat (trainer reports iteration i; the activity heartbeats in the same call) → SSE arrival.
    // Iteration 0 is the attempt's first heartbeat, sent before the trainer reports anything.
    const reported = progress.filter((m) => producedAt.has(`${job.id}:${m.json.iteration}`));
    const delays = reported.map((m) => m.receivedAt - producedAt.get(`${job.id}:${m.json.iteration}`)!);
    const serverToSse = progress.map((m) => m.receivedAt - Date.parse(m.json.heartbeatAt as string));
    console.log(
      `[heartbeat→SSE] n=${delays.length} median=${quantile(delays, 0.5)}ms p90=${quantile(delays, 0.9)}ms max=${Math.max(...delays)}ms; ` +
        `server-recorded heartbeat→SSE median=${quantile(serverToSse, 0.5)}ms max=${Math.max(...serverToSse)}ms`,
    );
    expect(delays.length).toBeGreaterThanOrEqual(progress.length - 1);
  });

  it('resumes after Last-Event-ID on a new gateway, with no gap and no repeat', async () => {
    const job = await createJob(gw, { baseModel: 'slow-test', params: { iterations: 30, delayMs: 150 } });
    const first = await openEventStream(gw, job.id);
    const before = (await collect(first, (m) => m.json.type === 'checkpoint')).filter(
      (m) => m.event === 'event',
    );
    first.close();
    const other = await startGateway(h, { trainers: trainers() }); // a new process would know no more than this one
    try {
      const second = await openEventStream(other, job.id, { lastEventId: before.at(-1)!.id! });
      const after = (await collect(second)).filter((m) => m.event === 'event');
      const streamed = [...before, ...after].map((m) => m.id);
      const log = (await (await other.fetch(`/v1/trainings/${job.id}/events?limit=500`)).json()) as {
        data: Array<{ id: string }>;
      };
      expect(streamed).toEqual(log.data.map((e) => e.id));
    } finally {
      await other.close();
    }
  });

  it('replays a finished job at once; a reconnect past its terminal event gets 204 (EventSource stops)', async () => {
    const job = await createJob(gw, { params: { iterations: 3, lutSize: 17 } });
    await waitForJob(gw, job.id, isTerminal);
    const messages = await collect(await openEventStream(gw, job.id));
    expect(messages.at(-1)!.event).toBe('end');
    const terminal = messages.at(-2)!;
    const again = await openEventStream(gw, job.id, { lastEventId: terminal.id! });
    expect(again.response.status).toBe(204);
    const fromEarlier = await collect(await openEventStream(gw, job.id, { lastEventId: messages[0].id! }));
    expect(fromEarlier.map((m) => m.id)).toEqual(messages.slice(1).map((m) => m.id));
  });
});
