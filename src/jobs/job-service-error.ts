/**
 * The closed set of refusals of the job service. It knows nothing of HTTP: the gateway
 * maps each kind to a status and problem code in one place (src/http/error-mapping.ts),
 * and any other caller (the CLI, a test, a future RPC front end) can branch on `kind`.
 */
import { ImageDecodeError } from '../imaging/image-decode-error.ts';
import { type RateLimitState } from '../../workflows/tenant-limits.ts';

export const JOB_SERVICE_ERROR_KINDS = [
  'JobNotFound',
  'PackNotFound',
  /** The job's state does not allow the action (pause a finished job, apply an unfinished one). */
  'InvalidState',
  /** The id or Idempotency-Key already names a different request of this tenant. */
  'IdConflict',
  'UnknownBaseModel',
  /** A field is well-formed but not acceptable (params of the trainer, webhook address, size). */
  'InvalidInput',
  'InvalidImage',
  'ImageTooLarge',
  'UnsupportedFormat',
  /** Temporal is up but no worker took a change in time; nothing was applied. */
  'WorkerUnavailable',
  /** The tenant has ATELIER_TENANT_MAX_ACTIVE jobs queued or running already. */
  'TenantActiveLimit',
  /** The tenant submits faster than ATELIER_TENANT_RATE. */
  'TenantRateLimited',
] as const;
export type JobServiceErrorKind = (typeof JOB_SERVICE_ERROR_KINDS)[number];

export interface FieldIssue {
  /** Dotted path of the request field, e.g. `params.lutSize`. */
  field: string;
  message: string;
}

export interface JobServiceErrorInfo {
  fields?: FieldIssue[];
  /** Facts the caller can act on, e.g. `validBaseModels`, `jobStatus`. */
  facts?: Record<string, unknown>;
  /** A limit refusal: when to retry and the rate state (headers, not body). */
  quota?: { rate?: RateLimitState; retryAfterSeconds?: number };
}

export class JobServiceError extends Error {
  override name = 'JobServiceError';
  readonly fields: FieldIssue[];
  readonly facts: Record<string, unknown>;
  readonly quota: JobServiceErrorInfo['quota'];
  constructor(
    readonly kind: JobServiceErrorKind,
    message: string,
    info: JobServiceErrorInfo = {},
  ) {
    super(message);
    this.fields = info.fields ?? [];
    this.facts = info.facts ?? {};
    this.quota = info.quota;
  }
}

export const jobNotFound = (jobId: string) => new JobServiceError('JobNotFound', `no job with id '${jobId}'`);

/** An image refusal from src/imaging, attributed to the request field that carried the image. */
export function imageRefused(err: ImageDecodeError, field: string): JobServiceError {
  return new JobServiceError(err.type, err.message, {
    fields: [{ field, message: err.message }],
    facts: err.details,
  });
}

/** Runs an image check, turning its refusal into the service's own error for `field`. */
export async function checkImage<T>(field: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    throw err instanceof ImageDecodeError ? imageRefused(err, field) : err;
  }
}
