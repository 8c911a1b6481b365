/** The old service's endpoints refuse bad requests as FastAPI did: 422 with a `detail` list (more in test/legacy). */
import { describe, expect, it } from 'vitest';
import { postJson } from '../helpers/api-client.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

// No workers: a bad request is refused before any workflow starts.
const h = useHarness();
const gw = useGateway(h);

describe('old endpoints, bad requests', () => {
  it('answers bad requests with 422 and one detail entry per bad field', async () => {
    const res = await postJson(gw, '/queueTrain', { id: 'abc', styleName: 'x' });
    expect(res.status).toBe(422);
    const { detail } = (await res.json()) as { detail: Array<{ type: string; loc: string[] }> };
    expect(detail.map((d) => [d.type, d.loc.join('.')])).toEqual([
      ['int_parsing', 'body.id'],
      ['missing', 'body.baseModel'],
      ['missing', 'body.styleRefBase64'],
    ]);
    const noId = await postJson(gw, '/getTrainStatus', {});
    expect([noId.status, ((await noId.json()) as { detail: unknown[] }).detail.length]).toEqual([422, 1]);
  });
});
