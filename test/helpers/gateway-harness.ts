/**
 * A real gateway on a real loopback port, wired to the per-file harness (client, data
 * dir, task-queue suffix). Logs are captured in memory so tests can read them (e.g.
 * to prove API keys never reach the log).
 */
import { Writable } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import { type Client } from '@temporalio/client';
import { pino } from 'pino';
import { createApiKeyStore } from '../../src/auth/api-keys.ts';
import { createApp } from '../../src/http/app.ts';
import { answerClientErrors } from '../../src/http/client-errors.ts';
import { type GatewayDeps } from '../../src/http/app-types.ts';
import { type Storage } from '../../src/storage/types.ts';
import { type TrainerRegistry } from '../../src/training/registry.ts';
import { type WebhookTarget } from '../../workflows/messages.ts';
import { type TenantLimits } from '../../workflows/tenant-limits.ts';
import { freePort } from './free-port.ts';
import { type Harness } from './harness.ts';

export interface GatewayOptions {
  tenantKeys?: Array<{ tenantId: string; key: string }>;
  adminKeys?: string[];
  maxBodyBytes?: number;
  maxInputPixels?: number;
  /** Trainers the gateway validates against (default: the harness's). */
  trainers?: TrainerRegistry;
  /** Storage of the gateway (default: the harness's), e.g. one with presigned downloads. */
  storage?: Storage;
  /** ATELIER_WEBHOOK_DEFAULT_URL's effect: the webhook of jobs submitted without one. */
  defaultWebhook?: WebhookTarget;
  /** ATELIER_TENANT_MAX_ACTIVE / ATELIER_TENANT_RATE, parsed. */
  tenantLimits?: TenantLimits;
  /** Upper bound of one request's Temporal calls (the gateway's default: 10 s). */
  temporalDeadlineMs?: number;
  /** The gateway's Temporal client (default: the harness's), e.g. one that counts its calls. */
  client?: Client;
}

export interface Gateway {
  url: string;
  /** Every log line written so far (JSON text). */
  logs(): string;
  /** fetch against the gateway; `key` adds `Authorization: Bearer`. */
  fetch(path: string, init?: RequestInit & { key?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function startGateway(h: Harness, opts: GatewayOptions = {}): Promise<Gateway> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const deps: GatewayDeps = {
    client: opts.client ?? h.client,
    namespace: 'default',
    storage: opts.storage ?? h.deps.storage,
    trainers: opts.trainers ?? h.deps.trainers,
    log: pino({ level: 'info' }, sink),
    limits: {
      maxBodyBytes: opts.maxBodyBytes ?? 20 * 1024 * 1024,
      maxInputPixels: opts.maxInputPixels ?? 40_000_000,
    },
    heartbeatTimeoutMs: 4_000,
    taskQueueSuffix: h.suffix,
    apiKeys: createApiKeyStore(opts.tenantKeys ?? [], opts.adminKeys ?? []),
    defaultWebhook: opts.defaultWebhook,
    tenantLimits: opts.tenantLimits,
    temporalDeadlineMs: opts.temporalDeadlineMs,
  };
  const app = createApp(deps);
  const port = await freePort();
  const server: ServerType = serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
  answerClientErrors(server); // as src/cli/gateway.ts does: oversized headers get problem+json
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    logs: () => lines.join(''),
    fetch(path, init = {}) {
      const { key, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (key) headers.set('authorization', `Bearer ${key}`);
      return fetch(url + path, { ...rest, headers });
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
