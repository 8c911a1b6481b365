/** Hono context variables and the gateway's injected dependencies. */
import { type Client } from '@temporalio/client';
import { type ApiKeyStore } from '../auth/api-keys.ts';
import { type JobReader } from '../jobs/job-reader.ts';
import { type Logger } from '../logger.ts';
import { type Storage } from '../storage/types.ts';
import { type TrainerRegistry } from '../training/registry.ts';
import { type UrlPolicy } from '../webhooks/address-policy.ts';
import { type WebhookTarget } from '../../workflows/messages.ts';
import { type GatewayMetrics } from './metrics.ts';

export interface GatewayDeps {
  client: Client;
  namespace: string;
  storage: Storage;
  trainers: TrainerRegistry;
  log: Logger;
  limits: { maxBodyBytes: number; maxInputPixels: number };
  heartbeatTimeoutMs: number;
  /** Suffix for task queue names (test isolation); empty in production. */
  taskQueueSuffix?: string;
  /** API keys → tenants; anonymous (one local tenant) when absent or empty. */
  apiKeys?: ApiKeyStore;
  /** When set, webhook URLs are checked at submission (the activity checks again on delivery). */
  webhookPolicy?: UrlPolicy;
  /** Put into the input of jobs submitted without a webhook (ATELIER_WEBHOOK_DEFAULT_URL). */
  defaultWebhook?: WebhookTarget;
  /** Upper bound for the Temporal calls of one request (default 10 s): a down cluster answers 503, not a hang. */
  temporalDeadlineMs?: number;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    tenantId: string;
    isAdmin: boolean;
  };
}

/** What the route factories receive: the injected deps plus the app's own services. */
export interface Gateway extends GatewayDeps {
  jobs: JobReader;
  metrics: GatewayMetrics;
}
