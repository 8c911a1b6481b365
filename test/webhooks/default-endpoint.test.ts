import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createApp } from '../../src/http/app.ts';
import { defaultWebhookOf } from '../../src/webhooks/default-webhook.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { freePort } from '../helpers/free-port.ts';
import { startReceiver, typesOf, type Receiver } from '../helpers/webhook-receiver.ts';
import { createJob } from '../helpers/api-client.ts';
import { type Gateway } from '../helpers/gateway-harness.ts';

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
    let h: Harness;
    let receiver: Receiver;
    let own: Receiver;
    let gw: Gateway & { server: ReturnType<typeof serve> };
    beforeAll(async () => {
      h = await createHarness();
      await h.startWorkers();
      [receiver, own] = await Promise.all([startReceiver(), startReceiver()]);
      const app = createApp({
        client: h.client,
        namespace: 'default',
        storage: h.deps.storage,
        trainers: h.deps.trainers,
        log: pino({ level: 'silent' }),
        limits: { maxBodyBytes: 20 * 1024 * 1024, maxInputPixels: 40_000_000 },
        heartbeatTimeoutMs: 4_000,
        taskQueueSuffix: h.suffix,
        defaultWebhook: { url: receiver.url },
      });
      const port = await freePort();
      const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
      const url = `http://127.0.0.1:${port}`;
      gw = {
        url,
        server,
        logs: () => '',
        fetch: (path, init) => fetch(url + path, init),
        close: async () => void server.close(),
      };
    });
    afterAll(async () => {
      await gw?.close();
      await Promise.all([receiver?.close(), own?.close()]);
      await h?.close();
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
