/** Hono context variables and the gateway's injected dependencies. */
import { type ApiKeyStore } from '../auth/api-keys.ts';
import { type JobReader } from '../jobs/job-reader.ts';
import { type JobServiceDeps } from '../jobs/job-service-deps.ts';
import { type Logger } from '../logger.ts';
import { type GatewayMetrics } from './metrics.ts';

/** The job service's dependencies plus what only the HTTP layer needs. */
export interface GatewayDeps extends JobServiceDeps {
  log: Logger;
  limits: { maxBodyBytes: number; maxInputPixels: number };
  /** Old API base model names → trainers (`*`: every other name); see ATELIER_LEGACY_BASE_MODELS. */
  legacyBaseModels?: Record<string, string>;
  /** API keys → tenants; anonymous (one local tenant) when absent or empty. */
  apiKeys?: ApiKeyStore;
  /** Upper bound for the Temporal calls of one request (default 10 s): a down cluster answers 503, not a hang. */
  temporalDeadlineMs?: number;
  /** A span per request (OpenTelemetry, see src/telemetry/tracing.ts), parent of the workflow start. */
  traceRequests?: boolean;
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
