/** ATELIER_WEBHOOK_DEFAULT_URL at work: jobs without a webhook of their own notify the default endpoint. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, typesOf, type Receiver } from '../helpers/webhook-receiver.ts';
import { createJob } from '../helpers/api-client.ts';
import { startGateway, type Gateway } from '../helpers/gateway-harness.ts';
import { useHarness } from '../helpers/use-stack.ts';

describe('ATELIER_WEBHOOK_DEFAULT_URL: a gateway with a default endpoint', () => {
  const h = useHarness({ workers: 'all' });
  let receiver: Receiver;
  let own: Receiver;
  let gw: Gateway;
  beforeAll(async () => {
    [receiver, own] = await Promise.all([startReceiver(), startReceiver()]);
    gw = await startGateway(h, { defaultWebhook: { url: receiver.url } });
  });
  afterAll(async () => {
    await gw?.close();
    await Promise.all([receiver?.close(), own?.close()]);
  });

  it("receives the events of jobs without a webhook; a job's own webhook replaces it", async () => {
    const plain = await createJob(gw, { params: { iterations: 3, lutSize: 17 } });
    await receiver.waitFor((ds) =>
      ds.some((d) => d.json.type === 'training.succeeded' && d.json.data.id === plain.id),
    );
    expect(typesOf(receiver.deliveries.filter((d) => d.json.data.id === plain.id))).toEqual([
      'training.started',
      'training.succeeded',
    ]);

    const withOwn = await createJob(gw, {
      params: { iterations: 3, lutSize: 17 },
      webhook: { url: own.url },
    });
    await own.waitFor((ds) => ds.some((d) => d.json.type === 'training.succeeded'));
    expect(receiver.deliveries.some((d) => d.json.data.id === withOwn.id)).toBe(false);
  });
});
