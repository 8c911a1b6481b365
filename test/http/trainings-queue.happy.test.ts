/**
 * Listing, filters and pagination; queue position and length; PATCH priority. Only the
 * orchestration worker runs here, so training tasks wait in the queue where the tests
 * can see them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiJob } from '../../src/jobs/api-job.ts';
import { createJob, getJob, postJson, waitForJob } from '../helpers/api-client.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

const jobs: ApiJob[] = [];

const h = useHarness({ workers: 'orchestration' });
const gw = useGateway(h);
beforeAll(async () => {
  // Submitted one after the other so their enqueue times are ordered.
  for (const [styleName, priority] of [
    ['Alpha', 5],
    ['Beta', 5],
    ['Gamma', 1],
  ] as const) {
    const job = await createJob(gw, { styleName, priority });
    await waitForJob(gw, job.id, (j) => j.phase === 'training');
    jobs.push(job);
  }
});

const place = async (job: ApiJob) => (await getJob(gw, job.id)).queue;

describe('the training queue', () => {
  it('orders waiting jobs by priority, then by time', async () => {
    const [alpha, beta, gamma] = jobs;
    // Visibility is eventually consistent and snapshots are shared: wait until the views agree.
    await expect
      .poll(async () => [await place(gamma), await place(alpha), await place(beta)], {
        timeout: 15_000,
        interval: 200,
      })
      .toEqual([
        { position: 1, length: 3 },
        { position: 2, length: 3 },
        { position: 3, length: 3 },
      ]);
    expect((await getJob(gw, alpha.id)).status).toBe('queued');
  });

  it('re-queues a waiting job with a new priority (PATCH)', async () => {
    const [alpha, beta] = jobs;
    const res = await postJson(gw, `/v1/trainings/${beta.id}`, { priority: 1 }, { method: 'PATCH' });
    const body = (await res.json()) as ApiJob & { requeued: boolean };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ priority: 1, requeued: true });
    // Beta now has priority 1 but was re-queued after Gamma: Gamma, Beta, Alpha.
    await expect
      .poll(async () => [(await getJob(gw, beta.id)).priority, await place(beta), await place(alpha)], {
        timeout: 15_000,
        interval: 200,
      })
      .toEqual([1, { position: 2, length: 3 }, { position: 3, length: 3 }]);
  });
});

describe('GET /v1/trainings', () => {
  it('lists the tenant’s jobs, newest first, with filters', async () => {
    const all = (await (await gw.fetch('/v1/trainings')).json()) as { data: ApiJob[]; hasMore: boolean };
    expect(all.data.map((j) => j.styleName)).toEqual(['Gamma', 'Beta', 'Alpha']);
    expect(all.hasMore).toBe(false);
    const gamma = (await (await gw.fetch('/v1/trainings?styleName=Gamma')).json()) as { data: ApiJob[] };
    expect(gamma.data.map((j) => j.id)).toEqual([jobs[2].id]);
    const queued = (await (
      await gw.fetch('/v1/trainings?status=queued&phase=training&baseModel=color-lut')
    ).json()) as { data: ApiJob[] };
    expect(queued.data).toHaveLength(3);
    const none = (await (await gw.fetch('/v1/trainings?status=succeeded')).json()) as { data: ApiJob[] };
    expect(none.data).toEqual([]);
  });

  it('pages with a cursor', async () => {
    const seen: string[] = [];
    let url = '/v1/trainings?limit=2';
    for (;;) {
      const page = (await (await gw.fetch(url)).json()) as {
        data: ApiJob[];
        hasMore: boolean;
        nextCursor: string | null;
      };
      seen.push(...page.data.map((j) => j.styleName));
      if (!page.hasMore) break;
      url = `/v1/trainings?limit=2&after=${page.nextCursor}`;
    }
    expect(seen).toEqual(['Gamma', 'Beta', 'Alpha']);
  });
});
