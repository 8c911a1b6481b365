/**
 * The typed client (`atelier/client`) against a real gateway and workers: its types are
 * those of the document the gateway serves (regenerate with `npm run client:types`), and a
 * job goes from submission to its artifact through it alone.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createAtelierClient, type CreateTraining, type Job } from 'atelier/client';
import { CLIENT_TYPES_FILE, clientTypesOf } from '../../scripts/client-types.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';
import { pollUntil } from '../helpers/poll.ts';
import { trainingBody, uniqueId } from '../helpers/api-client.ts';

const KEY = 'key-typed-client-0123';
const h = useHarness({ workers: 'all' });
const gw = useGateway(h, { tenantKeys: [{ tenantId: 'typed', key: KEY }] });

describe('the typed client', () => {
  it('has the types of the document the gateway serves', async () => {
    const served = await (await gw.fetch('/openapi.json')).json();
    const committed = await readFile(CLIENT_TYPES_FILE, 'utf8');
    // On a difference: `npm run client:types`, then review and commit src/client/openapi-types.ts.
    expect(await clientTypesOf(served)).toBe(committed);
  }, 60_000);

  it('submits a job, follows it to success and reads its artifact', async () => {
    const api = createAtelierClient({ baseUrl: gw.url, apiKey: KEY });
    const id = uniqueId('typed');
    const body = (await trainingBody({ id })) as CreateTraining;
    const created = await api.POST('/v1/trainings', { body });
    expect(created.response.status, JSON.stringify(created.error)).toBe(202);
    expect(created.data?.id).toBe(id);

    const done = await pollUntil(
      async () => (await api.GET('/v1/trainings/{id}', { params: { path: { id } } })).data,
      (job: Job | undefined) => job?.status === 'succeeded' || job?.status === 'failed',
      { what: `job ${id} finished`, timeoutMs: 120_000, intervalMs: 250 },
    );
    expect(done?.status).toBe('succeeded');

    const artifacts = await api.GET('/v1/trainings/{id}/artifacts', { params: { path: { id } } });
    expect(artifacts.data?.data.map((a) => a.name)).toContain('style.cube');
    const cube = await api.GET('/v1/trainings/{id}/artifacts/{name}', {
      params: { path: { id, name: 'style.cube' } },
      parseAs: 'text',
    });
    expect(cube.response.status).toBe(200);
    expect(cube.data).toMatch(/LUT_3D_SIZE 17/);
  }, 180_000);

  it('gives a typed problem for a job that does not exist, and refuses a missing key', async () => {
    const api = createAtelierClient({ baseUrl: gw.url, apiKey: KEY });
    const missing = await api.GET('/v1/trainings/{id}', { params: { path: { id: 'no-such-job' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ status: 404, code: 'not_found' });

    const anonymous = createAtelierClient({ baseUrl: gw.url });
    const refused = await anonymous.GET('/v1/trainings');
    expect(refused.response.status).toBe(401);
    expect(refused.error).toMatchObject({ status: 401 });
  });
});
