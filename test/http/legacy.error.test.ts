/** The old service's endpoints refuse bad requests with its `message` field and our problem details. */
import { describe, expect, it } from 'vitest';
import { postJson } from '../helpers/api-client.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

// No workers: a bad request is refused before any workflow starts.
const h = useHarness();
const gw = useGateway(h);

describe('old endpoints, bad requests', () => {
  it('answers bad requests with a message (and the problem details)', async () => {
    const res = await postJson(gw, '/queueTrain', { id: 'abc', styleName: 'x' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: expect.any(String), code: 'validation_failed' });
    const bad = await postJson(gw, '/getTrainStatus', { id: -1 });
    expect(bad.status).toBe(400);
  });
});
