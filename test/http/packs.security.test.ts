/** A pack is its tenant's: another tenant's requests are answered like those for a missing pack. */
import { beforeAll, describe, expect, it } from 'vitest';
import { styleImage } from '../harness/images.ts';
import { expectProblem, postJson } from '../helpers/api-client.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

const A = { tenantId: 'tenant-a', key: 'key-a-0123456789' };
const B = { tenantId: 'tenant-b', key: 'key-b-0123456789' };

// No workers: the pack workflow exists as soon as it is started, which is all tenancy needs.
const h = useHarness();
const gw = useGateway(h, { tenantKeys: [A, B] });
let packId: string;
beforeAll(async () => {
  const styleRefBase64 = (await styleImage()).toString('base64');
  const res = await postJson(
    gw,
    '/v1/packs',
    { styles: [{ styleName: 'Mine', styleRefBase64 }] },
    { key: A.key },
  );
  const pack = (await res.json()) as { id: string };
  expect(res.status, JSON.stringify(pack)).toBe(202);
  packId = pack.id;
});

describe('/v1/packs tenancy', () => {
  it.each([
    ['GET', ''],
    ['POST', '/cancel'],
  ])("%s of another tenant's pack%s answers 404, like a missing pack", async (method, suffix) => {
    const foreign = await gw.fetch(`/v1/packs/${packId}${suffix}`, { method, key: B.key });
    const missing = await gw.fetch(`/v1/packs/pack-missing-1${suffix}`, { method, key: B.key });
    await expectProblem(foreign, 404, 'not_found');
    await expectProblem(missing, 404, 'not_found');
  });
});
