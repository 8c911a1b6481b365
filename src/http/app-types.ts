/** Hono context variables and the gateway's injected dependencies. */
import { type Client } from '@temporalio/client';
import { type Logger } from '../logger.ts';
import { type Storage } from '../storage/types.ts';
import { type TrainerRegistry } from '../training/registry.ts';

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
}

export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    tenantId: string;
    isAdmin: boolean;
  };
}
