import { describe, expect, it } from 'vitest';
import { compareEventIds } from '../../src/events/job-event.ts';
import { type Gateway } from '../helpers/gateway-harness.ts';
import { createJob, isTerminal, postJson, waitForJob } from '../helpers/api-client.ts';
import { testTrainers } from '../http/fixtures/slow-trainer.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

interface EventPage {
  data: Array<{ id: string; type: string; message: string; data: Record<string, unknown> }>;
  hasMore: boolean;
  nextCursor: string | null;
  progress: { iteration: number } | null;
}

async function page(gw: Gateway, id: string, query = ''): Promise<EventPage> {
  const res = await gw.fetch(`/v1/trainings/${id}/events${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as EventPage;
}

describe('GET /v1/trainings/{id}/events (JSON log)', () => {
  const h = useHarness({ workers: 'all', deps: { trainers: testTrainers() } });
  const gw = useGateway(h, { trainers: testTrainers() });

  it('tells the whole story of a finished job, in order, with ids from the history', async () => {
    const job = await createJob(gw, { params: { iterations: 4, lutSize: 17 } });
    await waitForJob(gw, job.id, isTerminal);
    const log = await page(gw, job.id);
    const types = log.data.map((e) => e.type);
    expect(types.slice(0, 4)).toEqual(['created', 'decoding', 'training_queued', 'attempt_started']);
    expect(types.slice(-3)).toEqual(['publishing', 'published', 'succeeded']);
    expect(log.data.find((e) => e.type === 'published')!.data.artifacts).toEqual(
      expect.arrayContaining(['style.cube', 'preview.png']),
    );
    expect(log.data.find((e) => e.type === 'attempt_started')!.data).toMatchObject({
      run: 1,
      attempt: 1,
      resumedFrom: 0,
    });
    for (let i = 1; i < log.data.length; i++)
      expect(compareEventIds(log.data[i - 1].id, log.data[i].id)).toBeLessThan(0);
    expect(log.hasMore).toBe(false);
    expect(log.progress).toBeNull();
    // Derived again from the same history: the same ids and events.
    expect((await page(gw, job.id)).data).toEqual(log.data);
  });

  it('pages with `after` and `limit` without gaps or repeats', async () => {
    const job = await createJob(gw, { baseModel: 'slow-test', params: { iterations: 6, delayMs: 120 } });
    await waitForJob(gw, job.id, isTerminal);
    const all = (await page(gw, job.id)).data;
    expect(all.filter((e) => e.type === 'checkpoint').length).toBeGreaterThan(0);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const p: EventPage = await page(gw, job.id, `?limit=2${cursor ? `&after=${cursor}` : ''}`);
      seen.push(...p.data.map((e) => e.id));
      cursor = p.nextCursor;
      if (!p.hasMore) break;
    }
    expect(seen).toEqual(all.map((e) => e.id));
    // Past the end: empty, and the cursor stays put for polling.
    const after = await page(gw, job.id, `?after=${cursor}`);
    expect(after).toMatchObject({ data: [], hasMore: false, nextCursor: cursor });
  });

  it('records pause, resume, the second training run and a priority change', async () => {
    const job = await createJob(gw, { baseModel: 'slow-test', params: { iterations: 30, delayMs: 100 } });
    await waitForJob(gw, job.id, (j) => (j.progress?.iteration ?? 0) >= 2);
    expect((await postJson(gw, `/v1/trainings/${job.id}/pause`, {})).status).toBe(202);
    await waitForJob(gw, job.id, (j) => j.phase === 'paused');
    const paused = await page(gw, job.id);
    expect(paused.data.map((e) => e.type)).toEqual(expect.arrayContaining(['pausing', 'paused']));
    const patch = await postJson(gw, `/v1/trainings/${job.id}`, { priority: 1 }, { method: 'PATCH' });
    expect(patch.status, await patch.text()).toBe(200);
    expect((await postJson(gw, `/v1/trainings/${job.id}/resume`, {})).status).toBe(202);
    await waitForJob(gw, job.id, isTerminal);
    const types = (await page(gw, job.id)).data.map((e) => e.type);
    const resumed = types.indexOf('resumed');
    expect(resumed).toBeGreaterThan(types.indexOf('paused'));
    expect(types.slice(resumed, resumed + 3)).toEqual(['resumed', 'training_queued', 'attempt_started']);
    expect(types).toContain('priority_changed');
    const attempts = (await page(gw, job.id)).data
      .filter((e) => e.type === 'attempt_started')
      .map((e) => e.data);
    expect(attempts).toEqual([
      expect.objectContaining({ run: 1 }),
      expect.objectContaining({ run: 2, resumedFrom: expect.any(Number) }),
    ]);
    expect(attempts[1].resumedFrom as number).toBeGreaterThan(0);
  });
});
