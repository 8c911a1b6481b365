/**
 * Per-tenant limits across two gateway instances (issue 14): the count and the token
 * bucket live in the tenant's admission workflow, so two gateways on one Temporal agree,
 * even when they admit at the same moment. Only an orchestration worker runs: admitted
 * jobs wait for a training worker forever, so they stay active for as long as the test
 * needs, and the rate is 1 per hour, so no refill can happen during a test run.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ApiJob } from '../../src/jobs/api-job.ts';
import { styleImage } from '../harness/images.ts';
import { expectProblem, postJson, trainingBody, uniqueId, waitForJob } from '../helpers/api-client.ts';
import { type Gateway } from '../helpers/gateway-harness.ts';
import { pollUntil } from '../helpers/poll.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

// Tenant names of this file only: the first capped admission reads the tenant's running
// jobs from visibility, which other test files' jobs of a same-named tenant would join.
const run = randomUUID().slice(0, 6);
const tenant = (name: string) => ({ tenantId: `${name}-${run}`, key: `key-${name}-${run}-0123456789` });
const A = tenant('cap-a');
const B = tenant('cap-b');
const C = tenant('rate-c');
const D = tenant('rate-d');
const E = tenant('cap-e');
const ADMIN = 'admin-key-0123456789';
const tenantKeys = [A, B, C, D, E];

const h = useHarness({ workers: 'orchestration' });
const capLimits = { maxActive: 2, rate: null };
const cap = [
  useGateway(h, { tenantKeys, adminKeys: [ADMIN], tenantLimits: capLimits }),
  useGateway(h, { tenantKeys, adminKeys: [ADMIN], tenantLimits: capLimits }),
];
const rateLimits = { maxActive: null, rate: { tokens: 1, periodSeconds: 3600, burst: 3 } };
const rate = [
  useGateway(h, { tenantKeys, adminKeys: [ADMIN], tenantLimits: rateLimits }),
  useGateway(h, { tenantKeys, adminKeys: [ADMIN], tenantLimits: rateLimits }),
];

const submit = async (gw: Gateway, key: string, headers: Record<string, string> = {}) =>
  postJson(gw, '/v1/trainings', await trainingBody({ id: uniqueId('lim') }), { key, headers });

const queueTrain = async (gw: Gateway, key: string) =>
  postJson(
    gw,
    '/queueTrain',
    {
      id: Math.floor(Math.random() * 1e9),
      styleName: 'Old client',
      baseModel: 'SDXL',
      styleRefBase64: (await styleImage()).toString('base64'),
    },
    { key },
  );

const packOf = async (styles: number) => {
  const styleRefBase64 = (await styleImage()).toString('base64');
  return { styles: Array.from({ length: styles }, (_, i) => ({ styleName: `S${i}`, styleRefBase64 })) };
};

const rateHeaders = (res: Response) =>
  Object.fromEntries(
    ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy', 'retry-after'].map(
      (n) => [n, res.headers.get(n)],
    ),
  );

describe('ATELIER_TENANT_MAX_ACTIVE across two gateways', () => {
  const admitted: ApiJob[] = [];

  it('admits exactly the cap when four submissions race through both gateways', async () => {
    const results = await Promise.all([0, 1, 2, 3].map((i) => submit(cap[i % 2], A.key)));
    const accepted = results.filter((r) => r.status === 202);
    const refused = results.filter((r) => r.status !== 202);
    expect(accepted).toHaveLength(2);
    expect(refused).toHaveLength(2);
    for (const res of accepted) admitted.push((await res.json()) as ApiJob);
    for (const res of refused) {
      const body = await expectProblem(res, 429, 'tenant_active_limit');
      expect(res.headers.get('retry-after')).toBe('30');
      expect(body).toMatchObject({ activeJobs: 2, maxActiveJobs: 2, status: 429 });
      // No rate is configured on these gateways: no rate fields.
      expect(res.headers.get('ratelimit-limit')).toBeNull();
    }
  });

  it('refuses the next one on either gateway, in problem+json on v1 and FastAPI shape on the old API', async () => {
    for (const gw of cap) await expectProblem(await submit(gw, A.key), 429, 'tenant_active_limit');
    const old = await queueTrain(cap[1], A.key);
    const text = await old.text();
    expect(old.status, text).toBe(429);
    expect(old.headers.get('content-type')).toMatch(/^application\/json/);
    expect(old.headers.get('retry-after')).toBe('30');
    expect(JSON.parse(text)).toEqual({
      detail: expect.stringContaining('active jobs'),
      code: 'tenant_active_limit',
      requestId: expect.any(String),
    });
  });

  it('leaves another tenant alone, and exempts admin keys acting as the full tenant', async () => {
    for (const gw of cap) expect((await submit(gw, B.key)).status).toBe(202);
    const asAdmin = await submit(cap[0], ADMIN, { 'atelier-tenant': A.tenantId });
    expect(asAdmin.status, await asAdmin.clone().text()).toBe(202);
    expect(((await asAdmin.json()) as ApiJob).id).toEqual(expect.any(String));
  });

  it('refuses a pack larger than the cap outright (400), since waiting would not help', async () => {
    const res = await postJson(cap[0], '/v1/packs', await packOf(3), { key: B.key });
    const body = await expectProblem(res, 400, 'validation_failed');
    expect(JSON.stringify(body.errors)).toContain('styles');
  });

  it('admits the tenant again once its jobs are cancelled; a pack counts each of its styles', async () => {
    for (const [i, job] of admitted.entries()) {
      const res = await cap[i % 2].fetch(`/v1/trainings/${job.id}/cancel`, { method: 'POST', key: A.key });
      expect(res.status).toBe(202);
    }
    for (const job of admitted)
      await waitForJob(cap[0], job.id, (j) => j.status === 'cancelled', { key: A.key });
    expect((await submit(cap[1], A.key)).status).toBe(202);
    // One slot left: a pack of two styles needs two.
    const pack = await postJson(cap[0], '/v1/packs', await packOf(2), { key: A.key });
    await expectProblem(pack, 429, 'tenant_active_limit');
    expect((await submit(cap[0], A.key)).status).toBe(202);
    await expectProblem(await submit(cap[1], A.key), 429, 'tenant_active_limit');
  });
});

describe('a pack under ATELIER_TENANT_MAX_ACTIVE', () => {
  it('holds one slot per style, and gives them back one by one as its styles finish', async () => {
    const res = await postJson(cap[0], '/v1/packs', { ...(await packOf(2)), maxParallel: 2 }, { key: E.key });
    const pack = (await res.json()) as { id: string };
    expect(res.status, JSON.stringify(pack)).toBe(202);
    await expectProblem(await submit(cap[1], E.key), 429, 'tenant_active_limit');

    const first = `${pack.id}.1`;
    await waitForJob(cap[0], first, (j) => j.status === 'queued' || j.status === 'running', { key: E.key });
    expect((await cap[1].fetch(`/v1/trainings/${first}/cancel`, { method: 'POST', key: E.key })).status).toBe(
      202,
    );
    // The pack learns of its style's end from the style itself (a signal): until then it still counts 2.
    const admitted = await pollUntil(
      () => submit(cap[0], E.key),
      (r) => r.status !== 429,
      { what: "a slot freed by the pack's cancelled style", timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(admitted.status).toBe(202);
    await expectProblem(await submit(cap[1], E.key), 429, 'tenant_active_limit');
  });
});

describe('ATELIER_TENANT_RATE across two gateways', () => {
  it('spends one bucket from both gateways, with the RateLimit fields on every submission', async () => {
    const seen = [];
    for (const i of [0, 1, 2]) {
      const res = await submit(rate[i % 2], C.key);
      expect(res.status, await res.clone().text()).toBe(202);
      seen.push(rateHeaders(res));
    }
    expect(seen.map((s) => s['ratelimit-remaining'])).toEqual(['2', '1', '0']);
    for (const s of seen) {
      expect(s['ratelimit-limit']).toBe('3');
      // Burst 3 at 1 per hour: a full bucket takes 3 h to refill.
      expect(s['ratelimit-policy']).toBe('3;w=10800');
      expect(Number(s['ratelimit-reset'])).toBeGreaterThan(0);
      expect(Number(s['ratelimit-reset'])).toBeLessThanOrEqual(10800);
      expect(s['retry-after']).toBeNull();
    }
  });

  it('answers 429 tenant_rate_limited with Retry-After when the bucket is empty, on either gateway', async () => {
    for (const gw of rate) {
      const res = await submit(gw, C.key);
      const body = await expectProblem(res, 429, 'tenant_rate_limited');
      expect(body.detail).toContain('rate limit');
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(res.headers.get('ratelimit-remaining')).toBe('0');
      expect(res.headers.get('ratelimit-limit')).toBe('3');
    }
    const old = await queueTrain(rate[0], C.key);
    expect(old.status).toBe(429);
    expect(Number(old.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await old.json()).toMatchObject({ code: 'tenant_rate_limited', detail: expect.any(String) });
  });

  it("leaves another tenant's bucket full and exempts admin keys", async () => {
    const other = await submit(rate[1], D.key);
    expect(other.status).toBe(202);
    expect(other.headers.get('ratelimit-remaining')).toBe('2');
    const asAdmin = await submit(rate[0], ADMIN, { 'atelier-tenant': C.tenantId });
    expect(asAdmin.status, await asAdmin.clone().text()).toBe(202);
    expect(asAdmin.headers.get('ratelimit-limit')).toBeNull();
  });
});

describe('without an orchestration worker', () => {
  // A harness of its own (own task queues), with no worker at all: nobody answers the admission.
  const idle = useHarness();
  const gw = useGateway(idle, { tenantKeys, tenantLimits: capLimits, temporalDeadlineMs: 3_000 });

  it('answers 503 (retry later), not a hang and not a 500', async () => {
    const res = await submit(gw, B.key);
    const text = await res.text();
    expect(res.status, text).toBe(503);
    expect(['worker_unavailable', 'temporal_unavailable']).toContain(JSON.parse(text).code);
  });
});

describe('the OpenAPI document', () => {
  type Response = { headers?: Record<string, unknown>; content?: Record<string, unknown> };
  type Doc = { paths: Record<string, Record<string, { responses: Record<string, Response> }>> };

  it('documents the 429 of every submission, with Retry-After and the RateLimit fields', async () => {
    const doc = (await (await cap[0].fetch('/openapi.json')).json()) as Doc;
    for (const path of ['/v1/trainings', '/v1/packs', '/queueTrain']) {
      const { responses } = doc.paths[path].post;
      expect(Object.keys(responses[429]?.headers ?? {}), path).toEqual(
        expect.arrayContaining(['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']),
      );
      const accepted = responses[202] ?? responses[200];
      if (path !== '/queueTrain')
        expect(Object.keys(accepted.headers ?? {}), path).toContain('RateLimit-Policy');
    }
    expect(doc.paths['/getTrainStatus'].post.responses[429]).toBeUndefined();
  });
});
