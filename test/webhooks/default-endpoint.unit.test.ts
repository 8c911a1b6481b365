/** ATELIER_WEBHOOK_DEFAULT_URL is parsed with the configuration and checked against the address policy at start-up. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { defaultWebhookOf } from '../../src/webhooks/default-webhook.ts';

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
});
