/** `/v1/packs` through real HTTP: create, watch, idempotency, cancel (refusals: packs.error; tenancy: packs.security). */
import { describe, expect, it } from 'vitest';
import { styleImage } from '../harness/images.ts';
import { postJson } from '../helpers/api-client.ts';
import { pollUntil } from '../helpers/poll.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

interface Pack {
  id: string;
  status: string;
  percent: number;
  styles: { id: string; status: string; styleName: string; error: { code: string } | null }[];
}

const A = { tenantId: 'tenant-a', key: 'key-a-0123456789' };

const h = useHarness({ workers: 'all' });
const gw = useGateway(h, { tenantKeys: [A] });

const b64 = async () => (await styleImage()).toString('base64');

async function getPack(id: string, key: string): Promise<Pack> {
  const res = await gw.fetch(`/v1/packs/${id}`, { key });
  const pack = (await res.json()) as Pack;
  expect(res.status, JSON.stringify(pack)).toBe(200);
  return pack;
}

const waitForPack = (id: string, predicate: (p: Pack) => boolean, key = A.key): Promise<Pack> =>
  pollUntil(() => getPack(id, key), predicate, {
    what: `pack ${id} condition`,
    timeoutMs: 90_000,
    intervalMs: 200,
  });

describe('/v1/packs', () => {
  it('trains every style, each a job of its own; a replayed request answers the same pack', async () => {
    const body = {
      styles: [
        { styleName: 'Dawn', styleRefBase64: await b64(), params: { iterations: 3, lutSize: 17 } },
        { styleName: 'Noon', styleRefBase64: await b64(), params: { iterations: 3, lutSize: 17 } },
        { styleName: 'Dusk', styleRefBase64: await b64(), params: { iterations: 3, lutSize: 17, seed: 9 } },
      ],
      maxParallel: 2,
    };
    const res = await postJson(gw, '/v1/packs', body, {
      key: A.key,
      headers: { 'idempotency-key': 'pack-1' },
    });
    const created = (await res.json()) as Pack;
    expect(res.status, JSON.stringify(created)).toBe(202);
    const done = await waitForPack(created.id, (p) => p.status === 'succeeded');
    expect(done.styles.map((s) => s.styleName)).toEqual(['Dawn', 'Noon', 'Dusk']);
    expect(done.percent).toBe(100);
    const job = await gw.fetch(`/v1/trainings/${done.styles[0].id}`, { key: A.key });
    expect(job.status).toBe(200);

    const again = await postJson(gw, '/v1/packs', body, {
      key: A.key,
      headers: { 'idempotency-key': 'pack-1' },
    });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as Pack).id).toBe(created.id);
  });

  it('cancels a running pack and all its styles', async () => {
    const slow = { iterations: 1000, lutSize: 33, patience: 100 };
    const res = await postJson(
      gw,
      '/v1/packs',
      { styles: [{ styleName: 'Long', styleRefBase64: await b64(), params: slow }] },
      { key: A.key },
    );
    const pack = (await res.json()) as Pack;
    await waitForPack(pack.id, (p) => p.styles.some((s) => s.status === 'running'));
    const cancel = await gw.fetch(`/v1/packs/${pack.id}/cancel`, { method: 'POST', key: A.key });
    expect(cancel.status).toBe(202);
    const ended = await waitForPack(pack.id, (p) => p.status === 'cancelled');
    expect(ended.styles.every((s) => s.status === 'cancelled')).toBe(true);
  });
});
