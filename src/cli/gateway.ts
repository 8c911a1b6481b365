/**
 * `atelier gateway`: the HTTP API. Client-only Temporal connection (no native
 * module). Refuses a non-loopback HOST without API keys unless anonymous access is
 * explicitly allowed. SIGINT/SIGTERM close the server and the connection.
 */
import { serve } from '@hono/node-server';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { logFormatOf } from '../log-format.ts';
import { createApp } from '../http/app.ts';
import { answerClientErrors } from '../http/client-errors.ts';
import { connectClient, resolveTemporalTarget } from '../temporal/connection.ts';
import { createStorage } from '../storage/create-storage.ts';
import { loadTrainers } from '../training/load-trainers.ts';
import { assertSafeBinding } from '../http/binding-policy.ts';
import { loadApiKeys } from '../auth/api-keys.ts';
import { defaultWebhookOf } from '../webhooks/default-webhook.ts';
import { assertLegacyTrainers } from '../http/routes/legacy/legacy-fields.ts';
import { startTracing } from '../telemetry/tracing.ts';

export async function run(): Promise<number> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, { proc: 'gateway' }, logFormatOf(config));
  assertSafeBinding(config);
  // Read (and hashed) before anything listens: a bad key file stops the start-up.
  const apiKeys = await loadApiKeys(config);
  const target = resolveTemporalTarget();
  const tracing = await startTracing('gateway');
  const client = await connectClient(target, undefined, tracing ? [tracing.plugin] : []);
  const trainers = await loadTrainers(config);
  assertLegacyTrainers(config.legacyBaseModels, trainers);
  const app = createApp({
    client,
    namespace: target.namespace,
    storage: createStorage(config.storage),
    trainers,
    legacyBaseModels: config.legacyBaseModels,
    log,
    limits: { maxBodyBytes: config.maxBodyBytes, maxInputPixels: config.maxInputPixels },
    heartbeatTimeoutMs: config.heartbeatTimeoutMs,
    taskQueueSuffix: config.taskQueueSuffix,
    apiKeys,
    webhookPolicy: { allowPrivate: config.webhookAllowPrivate, allowHttp: config.webhookAllowHttp },
    defaultWebhook: await defaultWebhookOf(config),
    tenantLimits: config.tenantLimits,
    traceRequests: Boolean(tracing),
  });
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port });
  answerClientErrors(server);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  // Never the keys themselves: only how many tenants they map to.
  const auth = apiKeys.anonymous
    ? 'anonymous (one local tenant)'
    : `${apiKeys.tenantCount} tenant(s) with API keys`;
  log.info(
    { url: `http://${config.host}:${config.port}`, temporal: target.address, auth },
    'gateway listening',
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('disconnect', stop);
  });
  log.info('gateway stopping');
  server.close();
  (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  await client.connection.close();
  await tracing?.shutdown();
  return 0;
}
