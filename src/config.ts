/**
 * The one place that reads the environment. Parsed once at start-up by the entry
 * points; everything else receives a typed `Config`. The Temporal connection itself
 * uses Temporal's own variables (`TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`,
 * `TEMPORAL_API_KEY`, `TEMPORAL_TLS*`, profiles) through `@temporalio/envconfig`.
 */
import path from 'node:path';
import { z } from 'zod';
import { storageSettingsOf, storageUrlProblem, type StorageSettings } from './storage/storage-settings.ts';
import {
  RATE_SPEC_HINT,
  parseRateSpec,
  type RateLimitSpec,
  type TenantLimits,
} from '../workflows/tenant-limits.ts';

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off', ''];

/** A boolean variable: never `Boolean(str)`, which would make "false" true. */
const envBoolean = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return fallback;
      const v = value.trim().toLowerCase();
      if (TRUE.includes(v)) return true;
      if (FALSE.includes(v)) return false;
      ctx.addIssue({
        code: 'custom',
        message: `expected one of ${[...TRUE, ...FALSE.filter(Boolean)].join(', ')}`,
      });
      return z.NEVER;
    });

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalUrl = z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).optional();
const storageUrl = z
  .string()
  .optional()
  .superRefine((value, ctx) => {
    const problem = value ? storageUrlProblem(value) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Empty or unset: no limit. */
const optionalRate = z
  .string()
  .optional()
  .transform((value, ctx): RateLimitSpec | null => {
    if (!value?.trim()) return null;
    const spec = parseRateSpec(value);
    if (!spec) ctx.addIssue({ code: 'custom', message: RATE_SPEC_HINT });
    return spec ?? z.NEVER;
  });
/** Empty, unset or 0: no cap. */
const optionalCap = z
  .union([z.literal(''), z.coerce.number().int().min(0).max(1_000_000)])
  .optional()
  .transform((v) => (v ? v : null));

export const ConfigSchema = z.object({
  PORT: port(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  ATELIER_DATA_DIR: z.string().min(1).default('./.atelier'),
  TRAINING_SLOTS: positiveInt(1),
  TEMPORAL_DEV_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  TEMPORAL_CLI_PATH: z.string().optional(),
  WORKER_METRICS_PORT: port(9464),
  WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  // 2.5 s: a dead training worker is noticed within 3 s. Heartbeats reach the server every
  // second (create-workers.ts), sent from the worker's main loop while the trainer runs in
  // a thread; under 4 CPU burners on 2 cores the largest gap the server saw was 1.06 s
  // (bench: heartbeat_gap_max_ms_loaded), and no attempt was taken over falsely.
  HEARTBEAT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(10_000).default(2_500),
  MAX_BODY_BYTES: positiveInt(20 * 1024 * 1024),
  MAX_INPUT_PIXELS: positiveInt(40_000_000),
  MAX_TRAINING_PIXELS: positiveInt(1_048_576),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  // Empty or unset: decided by whether stdout is a terminal (see src/log-format.ts).
  LOG_FORMAT: z.union([z.literal(''), z.enum(['pretty', 'json'])]).optional(),
  ATELIER_API_KEYS: z.string().optional(),
  ATELIER_API_KEYS_FILE: z.string().optional(),
  ATELIER_ADMIN_KEYS: z.string().optional(),
  ATELIER_ALLOW_ANONYMOUS: envBoolean(false),
  ATELIER_TRAINERS_FILE: z.string().optional(),
  ATELIER_WORKFLOW_BUNDLE: z.string().optional(),
  ATELIER_TASK_QUEUE_SUFFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]{0,40}$/)
    .default(''),
  // 1 s: at most about a second of training is redone after a crash (a 6.6 MB lutSize 65
  // checkpoint costs ≈80 ms to write on fs, bench storage rows).
  CHECKPOINT_EVERY_MS: z.coerce.number().int().min(100).default(1_000),
  ATELIER_WEBHOOK_SECRETS: z.string().optional(),
  ATELIER_WEBHOOK_ALLOW_PRIVATE: envBoolean(false),
  ATELIER_WEBHOOK_ALLOW_HTTP: envBoolean(false),
  ATELIER_WEBHOOK_DEFAULT_URL: optionalUrl,
  ATELIER_STORAGE_URL: storageUrl,
  ATELIER_STORAGE: z.enum(['fs', 's3']).default('fs'),
  ATELIER_SEAWEEDFS_PATH: z.string().optional(),
  ATELIER_S3_PRESIGN: envBoolean(false),
  ATELIER_S3_FORCE_PATH_STYLE: envBoolean(true),
  AWS_ENDPOINT_URL: optionalUrl,
  AWS_ENDPOINT_URL_S3: optionalUrl,
  AWS_REGION: z.string().optional(),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  ATELIER_STORAGE_MAX_RETRIES: z.coerce.number().int().min(0).max(1000).default(10),
  CHECKPOINT_KEEP: positiveInt(2),
  // At least an hour: a blob uploaded again renews its time only when older than 10 minutes.
  ATELIER_BLOB_GRACE_MS: z.coerce.number().int().min(3_600_000).default(86_400_000),
  ATELIER_GC_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  ATELIER_TENANT_MAX_ACTIVE: optionalCap,
  ATELIER_TENANT_RATE: optionalRate,
  /** Old API: `name=trainer` pairs, `*` for every other name (the old service took any string). */
  ATELIER_LEGACY_BASE_MODELS: z
    .string()
    .regex(
      /^\s*[^=,\s]+\s*=\s*[A-Za-z0-9._-]+\s*(,\s*[^=,\s]+\s*=\s*[A-Za-z0-9._-]+\s*)*$/,
      'expected name=trainer pairs separated by commas, e.g. SDXL=color-lut,*=color-lut',
    )
    .default('*=color-lut'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  trainingSlots: number;
  temporalDevPort: number;
  temporalUiPort: number;
  temporalCliPath?: string;
  workerMetricsPort: number;
  /** Where the worker's metrics listen: loopback unless a scraper in another container needs them. */
  workerMetricsHost: string;
  shutdownGraceMs: number;
  heartbeatTimeoutMs: number;
  maxBodyBytes: number;
  maxInputPixels: number;
  maxTrainingPixels: number;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  /** LOG_FORMAT when set; otherwise each process decides from its stdout. */
  logFormat?: 'pretty' | 'json';
  apiKeys?: string;
  apiKeysFile?: string;
  adminKeys?: string;
  allowAnonymous: boolean;
  trainersFile?: string;
  workflowBundle?: string;
  checkpointEveryMs: number;
  /** Appended to both task queue names: isolates environments (or test runs) sharing a namespace. */
  taskQueueSuffix: string;
  /** `whsec_…` secrets; all sign each delivery, so a rotation keeps receivers verifying. */
  webhookSecrets: string[];
  webhookAllowPrivate: boolean;
  webhookAllowHttp: boolean;
  /** Receives the events of every job submitted without a `webhook` of its own. */
  webhookDefaultUrl?: string;
  /** Where blobs, checkpoints and artifacts live (ATELIER_STORAGE_URL; default the data dir). */
  storage: StorageSettings;
  /** `atelier dev` only: `s3` starts an embedded SeaweedFS and points everything at it. */
  devStorage: 'fs' | 's3';
  /** A `weed` binary to use instead of provisioning one (dev only). */
  seaweedFsPath?: string;
  storageMaxRetries: number;
  checkpointKeep: number;
  blobGraceMs: number;
  /** How often the orchestration worker collects garbage (0 = never). */
  gcIntervalMs: number;
  /** Old API base model names → trainers; `*` maps every name not listed. */
  legacyBaseModels: Record<string, string>;
  /** Per-tenant cap on active jobs and submission rate (admin keys are exempt). */
  tenantLimits: TenantLimits;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws one `ConfigError` listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])])}: ${i.message}`,
    );
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.ATELIER_DATA_DIR),
    trainingSlots: c.TRAINING_SLOTS,
    temporalDevPort: c.TEMPORAL_DEV_PORT,
    temporalUiPort: c.TEMPORAL_UI_PORT,
    temporalCliPath: c.TEMPORAL_CLI_PATH || undefined,
    workerMetricsPort: c.WORKER_METRICS_PORT,
    workerMetricsHost: c.WORKER_METRICS_HOST,
    shutdownGraceMs: c.SHUTDOWN_GRACE_MS,
    heartbeatTimeoutMs: c.HEARTBEAT_TIMEOUT_MS,
    maxBodyBytes: c.MAX_BODY_BYTES,
    maxInputPixels: c.MAX_INPUT_PIXELS,
    maxTrainingPixels: c.MAX_TRAINING_PIXELS,
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT || undefined,
    apiKeys: c.ATELIER_API_KEYS || undefined,
    apiKeysFile: c.ATELIER_API_KEYS_FILE || undefined,
    adminKeys: c.ATELIER_ADMIN_KEYS || undefined,
    allowAnonymous: c.ATELIER_ALLOW_ANONYMOUS,
    trainersFile: c.ATELIER_TRAINERS_FILE || undefined,
    workflowBundle: c.ATELIER_WORKFLOW_BUNDLE || undefined,
    checkpointEveryMs: c.CHECKPOINT_EVERY_MS,
    taskQueueSuffix: c.ATELIER_TASK_QUEUE_SUFFIX,
    webhookSecrets: (c.ATELIER_WEBHOOK_SECRETS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    webhookAllowPrivate: c.ATELIER_WEBHOOK_ALLOW_PRIVATE,
    webhookAllowHttp: c.ATELIER_WEBHOOK_ALLOW_HTTP,
    webhookDefaultUrl: c.ATELIER_WEBHOOK_DEFAULT_URL || undefined,
    storage: storageSettingsOf({
      url: c.ATELIER_STORAGE_URL || undefined,
      dataDir: path.resolve(c.ATELIER_DATA_DIR),
      endpoint: c.AWS_ENDPOINT_URL_S3 || c.AWS_ENDPOINT_URL || undefined,
      region: c.AWS_REGION || undefined,
      forcePathStyle: c.ATELIER_S3_FORCE_PATH_STYLE,
      accessKeyId: c.AWS_ACCESS_KEY_ID || undefined,
      secretAccessKey: c.AWS_SECRET_ACCESS_KEY || undefined,
      presign: c.ATELIER_S3_PRESIGN,
    }),
    devStorage: c.ATELIER_STORAGE,
    seaweedFsPath: c.ATELIER_SEAWEEDFS_PATH || undefined,
    storageMaxRetries: c.ATELIER_STORAGE_MAX_RETRIES,
    checkpointKeep: c.CHECKPOINT_KEEP,
    blobGraceMs: c.ATELIER_BLOB_GRACE_MS,
    gcIntervalMs: c.ATELIER_GC_INTERVAL_MS,
    tenantLimits: { maxActive: c.ATELIER_TENANT_MAX_ACTIVE, rate: c.ATELIER_TENANT_RATE },
    legacyBaseModels: Object.fromEntries(
      c.ATELIER_LEGACY_BASE_MODELS.split(',').map((pair) => pair.split('=').map((s) => s.trim())),
    ) as Record<string, string>,
  };
}
