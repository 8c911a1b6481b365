import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { assertSafeBinding } from '../../src/http/binding-policy.ts';

describe('config', () => {
  it('has documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      trainingSlots: 1,
      temporalUiPort: 8233,
      maxBodyBytes: 20 * 1024 * 1024,
      maxInputPixels: 40_000_000,
      allowAnonymous: false,
    });
    expect(c.dataDir.endsWith('.atelier')).toBe(true);
    expect(c.heartbeatTimeoutMs).toBeLessThanOrEqual(10_000);
  });

  it.each([
    ['ATELIER_ALLOW_ANONYMOUS', 'false', false],
    ['ATELIER_ALLOW_ANONYMOUS', '0', false],
    ['ATELIER_ALLOW_ANONYMOUS', 'TRUE', true],
    ['ATELIER_ALLOW_ANONYMOUS', '1', true],
  ])('parses booleans: %s=%s → %s', (key, value, expected) => {
    expect(loadConfig({ [key]: value }).allowAnonymous).toBe(expected);
  });

  it('reads the per-tenant limits (none by default; 0 or empty means none)', () => {
    expect(loadConfig({}).tenantLimits).toEqual({ maxActive: null, rate: null });
    expect(loadConfig({ ATELIER_TENANT_MAX_ACTIVE: '0', ATELIER_TENANT_RATE: '' }).tenantLimits).toEqual({
      maxActive: null,
      rate: null,
    });
    expect(
      loadConfig({ ATELIER_TENANT_MAX_ACTIVE: '5', ATELIER_TENANT_RATE: '10/m,20' }).tenantLimits,
    ).toEqual({
      maxActive: 5,
      rate: { tokens: 10, periodSeconds: 60, burst: 20 },
    });
  });

  it.each([
    ['ATELIER_TENANT_RATE', '10 per minute', 'e.g. 10/m'],
    ['ATELIER_TENANT_RATE', '10/d', 'e.g. 10/m'],
    ['ATELIER_TENANT_MAX_ACTIVE', 'many', 'ATELIER_TENANT_MAX_ACTIVE'],
    ['ATELIER_TENANT_MAX_ACTIVE', '-1', 'ATELIER_TENANT_MAX_ACTIVE'],
  ])('refuses %s=%s, naming the variable', (key, value, hint) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(key);
    expect(() => loadConfig({ [key]: value })).toThrow(hint);
  });

  it('reports every bad variable in one readable error', () => {
    const bad = { PORT: 'eighty', TRAINING_SLOTS: '0', ATELIER_ALLOW_ANONYMOUS: 'maybe', LOG_LEVEL: 'loud' };
    let err: unknown;
    try {
      loadConfig(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    for (const key of Object.keys(bad)) expect((err as Error).message).toContain(key);
  });

  it('refuses a non-loopback HOST without API keys unless anonymous access is allowed', () => {
    expect(() => assertSafeBinding({ host: '0.0.0.0', allowAnonymous: false })).toThrow(ConfigError);
    expect(() => assertSafeBinding({ host: '0.0.0.0', allowAnonymous: true })).not.toThrow();
    expect(() => assertSafeBinding({ host: '0.0.0.0', allowAnonymous: false, apiKeys: 'a:b' })).not.toThrow();
    expect(() => assertSafeBinding({ host: '127.0.0.1', allowAnonymous: false })).not.toThrow();
  });
});
