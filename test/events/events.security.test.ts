import { beforeAll, describe, expect, it } from 'vitest';
import { createJob, expectProblem } from '../helpers/api-client.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

const SSE = { accept: 'text/event-stream' };

describe('GET /v1/trainings/{id}/events: tenancy and input errors', () => {
  let jobId: string;
  const h = useHarness();
  const gw = useGateway(h, {
    tenantKeys: [
      { tenantId: 'acme', key: 'key-acme-0123456789' },
      { tenantId: 'globex', key: 'key-globex-0123456789' },
    ],
    adminKeys: ['key-admin-0123456789'],
  });
  beforeAll(async () => {
    // No worker needed: the log is read from history, which exists as soon as the job does.
    jobId = (await createJob(gw, {}, { key: 'key-acme-0123456789' })).id;
  });

  it.each([
    ['JSON', {}],
    ['SSE', SSE],
  ])("another tenant's job answers 404 like a missing one (%s)", async (_kind, headers) => {
    const foreign = await gw.fetch(`/v1/trainings/${jobId}/events`, {
      key: 'key-globex-0123456789',
      headers,
    });
    const missing = await gw.fetch(`/v1/trainings/no-such-job/events`, {
      key: 'key-globex-0123456789',
      headers,
    });
    const a = await expectProblem(foreign, 404, 'not_found');
    const b = await expectProblem(missing, 404, 'not_found');
    expect(a.detail).toBe(`no job with id '${jobId}'`);
    expect(b.detail).toBe(`no job with id 'no-such-job'`);
  });

  it('the owner and an admin see the log (created is there before any worker runs)', async () => {
    for (const key of ['key-acme-0123456789', 'key-admin-0123456789']) {
      const res = await gw.fetch(`/v1/trainings/${jobId}/events`, { key });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: Array<{ type: string }> };
      expect(body.data[0].type).toBe('created');
    }
  });

  it('needs an API key', async () => {
    await expectProblem(await gw.fetch(`/v1/trainings/${jobId}/events`), 401, 'unauthorized');
    await expectProblem(
      await gw.fetch(`/v1/trainings/${jobId}/events`, { headers: SSE }),
      401,
      'unauthorized',
    );
  });

  it.each([
    ['after', '?after=abc', {}],
    ['after', '?after=0', {}],
    ['limit', '?limit=0', {}],
    ['limit', '?limit=501', {}],
    ['last-event-id', '', { ...SSE, 'last-event-id': '12; DROP' }],
  ])('rejects a bad %s (%s)', async (field, query, headers) => {
    const res = await gw.fetch(`/v1/trainings/${jobId}/events${query}`, {
      key: 'key-acme-0123456789',
      headers,
    });
    const body = await expectProblem(res, 400, 'validation_failed');
    expect(JSON.stringify(body.errors)).toContain(field);
  });
});
