/** What the job service needs from its host (the gateway, or a test): no HTTP in here. */
import { type Client } from '@temporalio/client';
import { type Storage } from '../storage/types.ts';
import { type TrainerRegistry } from '../training/registry.ts';
import { type UrlPolicy } from '../webhooks/address-policy.ts';
import { type WebhookTarget } from '../../workflows/messages.ts';
import { type TenantLimits } from '../../workflows/tenant-limits.ts';

export interface JobServiceDeps {
  client: Client;
  namespace: string;
  storage: Storage;
  trainers: TrainerRegistry;
  limits: { maxInputPixels: number };
  heartbeatTimeoutMs: number;
  /** Suffix for task queue names (test isolation); empty in production. */
  taskQueueSuffix?: string;
  /** When set, webhook URLs are checked at submission (the activity checks again on delivery). */
  webhookPolicy?: UrlPolicy;
  /** Put into the input of jobs submitted without a webhook (ATELIER_WEBHOOK_DEFAULT_URL). */
  defaultWebhook?: WebhookTarget;
  /** Per-tenant cap and rate (ATELIER_TENANT_MAX_ACTIVE, ATELIER_TENANT_RATE); none when absent. */
  tenantLimits?: TenantLimits;
}
