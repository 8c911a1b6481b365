import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { defaultWebhookOf } from '../../src/webhooks/default-webhook.ts';
import { startReceiver, typesOf, type Receiver } from '../helpers/webhook-receiver.ts';
import { createJob } from '../helpers/api-client.ts';
import { startGateway, type Gateway } from '../helpers/gateway-harness.ts';
import { useHarness } from '../helpers/use-stack.ts';

describe('ATELIER_WEBHOOK_DEFAULT_URL', () => {
  it.each([
    [
      { ATELIER_WEBHOOK_DEFAULT_URL: 'https://hooks.example.com/atelier' },
      'https://hooks.example.com/atelier',
    ],
    [{ ATELIER_WEBHOOK_DEFAULT_URL: '' }, undefined],
    [{}, undefined],
  ])('parses %j', (env, expected) => {
    expect(loadConfig(env).webhookDefaultUrl).toBe(expected);
  });

  it.each(['not a url', 'ftp://example.com/x'])('refuses %j at start-up', (url) => {
    expect(() => loadConfig({ ATELIER_WEBHOOK_DEFAULT_URL: url })).toThrow(ConfigError);
  });

  it('is checked against the address policy before the gateway starts', async () => {
    await expect(
      defaultWebhookOf(loadConfig({ ATELIER_WEBHOOK_DEFAULT_URL: 'http://hooks.example.com/x' })),
    ).rejects.toThrow(/https/);
    await expect(
      defaultWebhookOf(loadConfig({ ATELIER_WEBHOOK_DEFAULT_URL: 'https://127.0.0.1/x' })),
    ).rejects.toThrow(/private/);
    const allowed = loadConfig({
      ATELIER_WEBHOOK_DEFAULT_URL: 'http://127.0.0.1:9/x',
      ATELIER_WEBHOOK_ALLOW_HTTP: '1',
      ATELIER_WEBHOOK_ALLOW_PRIVATE: '1',
    });
    await expect(defaultWebhookOf(allowed)).resolves.toEqual({ url: 'http://127.0.0.1:9/x' });
  });

  describe('a gateway with a default endpoint', () => {
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
});
