/**
 * Tenancy and authentication: every route answers another tenant's job exactly like a
 * missing one; lists never show other tenants' jobs; admin keys see everything; keys
 * are required where they must be and never reach the log.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiJob } from '../../src/jobs/api-job.ts';
import {
  createJob,
  expectProblem,
  getJob,
  jobRoutes,
  postJson,
  sendJobRoute,
  trainingBody,
  uniqueId,
  waitForJob,
} from '../helpers/api-client.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

const KEY_A = 'key-a-7f3c9e1d2b';
const KEY_B = 'key-b-0a8d6c4e2f';
const KEY_ADMIN = 'key-admin-5e1f3a7c9b';

let jobA: ApiJob;
let jobB: ApiJob;
const legacyIdA = Math.floor(Math.random() * 1e9);

const h = useHarness({ workers: 'all' });
const gw = useGateway(h, {
  tenantKeys: [
    { tenantId: 'tenant-a', key: KEY_A },
    { tenantId: 'tenant-b', key: KEY_B },
  ],
  adminKeys: [KEY_ADMIN],
});
beforeAll(async () => {
  jobA = await createJob(gw, { styleName: 'A style' }, { key: KEY_A });
  jobB = await createJob(gw, { styleName: 'B style' }, { key: KEY_B });
  const legacy = await postJson(
    gw,
    '/queueTrain',
    {
      id: legacyIdA,
      styleName: 'A legacy',
      baseModel: 'color-lut',
      styleRefBase64: (await trainingBody()).styleRefBase64,
    },
    { key: KEY_A },
  );
  expect(legacy.status).toBe(200);
  await waitForJob(gw, jobA.id, (j) => j.status === 'succeeded', { key: KEY_A });
  await waitForJob(gw, String(legacyIdA), (j) => j.status === 'succeeded', { key: KEY_A });
});

describe('authentication', () => {
  const LEGACY = ['/queueTrain', '/getTrainStatus', '/stopOrDeleteTrain'];
  /** v1 refuses with problem+json; the old API with FastAPI's `{"detail": …}`, as it refused everything. */
  async function expectUnauthorized(res: Response, path: string) {
    if (!LEGACY.includes(path)) return expectProblem(res, 401, 'unauthorized');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ detail: expect.any(String), code: 'unauthorized' });
  }

  it.each([
    ...jobRoutes('some-job'),
    ['GET', '/v1/trainings'],
    ['GET', '/v1/base-models'],
    ['POST', '/v1/trainings'],
    ...LEGACY.map((path) => ['POST', path]),
  ] as Array<[string, string]>)('%s %s needs a valid key', async (method, path) => {
    const missing = await gw.fetch(path, { method });
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await expectUnauthorized(missing, path);
    await expectUnauthorized(await gw.fetch(path, { method, key: 'not-a-real-key' }), path);
    await expectUnauthorized(
      await gw.fetch(path, {
        method,
        headers: { authorization: `Basic ${Buffer.from(`x:${KEY_A}`).toString('base64')}` },
      }),
      path,
    );
  });

  it.each(['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs'])('%s is public', async (path) => {
    const res = await gw.fetch(path);
    expect([200, 503]).toContain(res.status);
  });
});

describe('tenant isolation', () => {
  it.each(jobRoutes('<A>'))(
    "%s %s on another tenant's job answers 404, like a missing job",
    async (method, template, body) => {
      const foreign = await sendJobRoute(gw, [method, template.replace('<A>', jobA.id), body], KEY_B);
      const missing = await sendJobRoute(
        gw,
        [method, template.replace('<A>', uniqueId('missing')), body],
        KEY_B,
      );
      const a = await expectProblem(foreign, 404, 'not_found');
      const b = await expectProblem(missing, 404, 'not_found');
      expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    },
  );

  it("leaves the other tenant's job untouched", async () => {
    const job = await getJob(gw, jobA.id, KEY_A);
    expect(job).toMatchObject({ status: 'succeeded', tenantId: 'tenant-a', priority: 3 });
    expect(job.artifacts.map((x) => x.name)).toContain('style.cube');
  });

  it("takes another tenant's job id as a job of one's own, without touching or revealing theirs", async () => {
    const mine = await createJob(gw, { id: jobA.id, styleName: 'Also B' }, { key: KEY_B });
    expect(mine).toMatchObject({ id: jobA.id, tenantId: 'tenant-b', styleName: 'Also B' });
    expect(JSON.stringify(mine)).not.toMatch(/tenant-a|A style/);
    expect(await getJob(gw, jobA.id, KEY_A)).toMatchObject({ tenantId: 'tenant-a', styleName: 'A style' });
    await waitForJob(gw, jobA.id, (j) => j.status === 'succeeded', { key: KEY_B });
    expect((await gw.fetch(`/v1/trainings/${jobA.id}`, { method: 'DELETE', key: KEY_B })).status).toBe(204);
    expect(await getJob(gw, jobA.id, KEY_A)).toMatchObject({ status: 'succeeded', styleName: 'A style' });
  });

  it('keeps lists per tenant', async () => {
    const listOf = async (key: string, query = '') =>
      ((await (await gw.fetch(`/v1/trainings${query}`, { key })).json()) as { data: ApiJob[] }).data.map(
        (j) => j.id,
      );
    expect(await listOf(KEY_A)).toEqual(expect.arrayContaining([jobA.id, String(legacyIdA)]));
    expect(await listOf(KEY_A)).not.toContain(jobB.id);
    expect(await listOf(KEY_B)).toEqual([jobB.id]);
    // A tenant filter from a non-admin is ignored: it cannot widen the view.
    expect(await listOf(KEY_B, '?tenantId=tenant-a')).toEqual([jobB.id]);
  });

  it('old endpoints follow the same rules', async () => {
    const status = await postJson(gw, '/getTrainStatus', { id: legacyIdA }, { key: KEY_B });
    expect(await status.json()).toEqual({ status: 'NOT_FOUND' });
    // Removing what is not there succeeds, as it did in the old service; A's job is untouched.
    const stop = await postJson(gw, '/stopOrDeleteTrain', { id: legacyIdA }, { key: KEY_B });
    expect(await stop.json()).toEqual({ message: 'Job removed from queue' });
    expect(await (await postJson(gw, '/getTrainStatus', { id: legacyIdA }, { key: KEY_A })).json()).toEqual({
      status: 'COMPLETED',
    });
  });
});

describe('admin keys', () => {
  it('see and filter every tenant, and reach a job by acting as its tenant', async () => {
    const asA = await gw.fetch(`/v1/trainings/${jobA.id}`, {
      key: KEY_ADMIN,
      headers: { 'atelier-tenant': 'tenant-a' },
    });
    expect(((await asA.json()) as ApiJob).tenantId).toBe('tenant-a');
    // Without the header an admin acts as its own tenant: ids name jobs only within a tenant.
    await expectProblem(await gw.fetch(`/v1/trainings/${jobA.id}`, { key: KEY_ADMIN }), 404, 'not_found');
    const all = (
      (await (await gw.fetch('/v1/trainings', { key: KEY_ADMIN })).json()) as { data: ApiJob[] }
    ).data.map((j) => j.id);
    expect(all).toEqual(expect.arrayContaining([jobA.id, jobB.id]));
    const onlyB = (
      (await (await gw.fetch('/v1/trainings?tenantId=tenant-b', { key: KEY_ADMIN })).json()) as {
        data: ApiJob[];
      }
    ).data;
    expect(onlyB.map((j) => j.id)).toEqual([jobB.id]);
  });
});

describe('keys in logs', () => {
  it('never logs a key, only the tenant', () => {
    const logs = gw.logs();
    expect(logs).toMatch(/tenant-a/);
    for (const key of [KEY_A, KEY_B, KEY_ADMIN]) expect(logs).not.toContain(key);
  });
});
