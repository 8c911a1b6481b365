/**
 * Submission of a training job, shared by `POST /v1/trainings` (JSON and multipart)
 * and the old `POST /queueTrain`: validate at the door (base model, parameters, image,
 * webhook), store the image as a blob (claim check), start the workflow, and resolve
 * idempotency (same job id + same fingerprint = the same job; otherwise 409).
 */
import { randomUUID } from 'node:crypto';
import { TaskQueue } from '../../workflows/task-queues.ts';
import { type StyleTrainingInput, type WebhookTarget } from '../../workflows/messages.ts';
import { InvalidParamsError } from '../training/trainer.ts';
import { refusalOf } from '../webhooks/address-policy.ts';
import { type GatewayDeps } from '../http/app-types.ts';
import { ApiError } from '../http/errors.ts';
import { admitImage } from '../http/uploads/admit-image.ts';
import { describeJob, type JobFacts } from './describe-job.ts';
import { fingerprintOf } from './fingerprint.ts';
import { jobIdFromIdempotencyKey, newJobId } from './job-id.ts';
import { startTrainingWorkflow } from './start-training-workflow.ts';

export interface TrainingRequest {
  tenantId: string;
  /** Client-chosen job id (already pattern-checked). */
  id?: string;
  idempotencyKey?: string;
  styleName: string;
  baseModel: string;
  image: Buffer;
  /** Name of the request field that carried the image, for error messages. */
  imageField: string;
  params: Record<string, unknown>;
  priority: number;
  startAt?: Date;
  webhook?: WebhookTarget;
  metadata?: Record<string, string>;
}

export interface Submission {
  facts: JobFacts;
  /** False when the request repeated an earlier one (idempotent replay). */
  created: boolean;
}

/** Workflow input stays small: history keeps it forever, and payloads are capped. */
const MAX_INPUT_BYTES = 16 * 1024;

function validatedParams(deps: GatewayDeps, baseModel: string, raw: Record<string, unknown>) {
  const trainer = deps.trainers.get(baseModel);
  if (!trainer) {
    const valid = deps.trainers.names();
    throw new ApiError('unknown_base_model', `unknown baseModel '${baseModel}'; valid: ${valid.join(', ')}`, {
      errors: [{ field: 'baseModel', message: `must be one of ${valid.join(', ')}` }],
      extra: { validBaseModels: valid },
    });
  }
  try {
    const params = trainer.parseParams(raw);
    return { params, total: trainer.totalIterations(params) };
  } catch (err) {
    if (!(err instanceof InvalidParamsError)) throw err;
    const errors = err.fields.map((f) => ({ field: `params.${f.field}`, message: f.message }));
    throw new ApiError('validation_failed', err.message, { errors });
  }
}

export async function submitTraining(deps: GatewayDeps, req: TrainingRequest): Promise<Submission> {
  const { params, total } = validatedParams(deps, req.baseModel, req.params);
  const image = await admitImage(req.image, req.imageField, deps.limits.maxInputPixels);
  if (req.webhook && deps.webhookPolicy) {
    const refusal = await refusalOf(req.webhook.url, deps.webhookPolicy);
    if (refusal)
      throw new ApiError('validation_failed', `webhook refused: ${refusal}`, {
        errors: [{ field: 'webhook.url', message: refusal }],
      });
  }
  const jobId =
    req.id ?? (req.idempotencyKey ? jobIdFromIdempotencyKey(req.tenantId, req.idempotencyKey) : newJobId());
  const blob = await deps.storage.putBlob(req.tenantId, req.image, image.contentType);
  const startAt = req.startAt && req.startAt.getTime() > Date.now() ? req.startAt : undefined;
  const fingerprint = fingerprintOf({
    styleName: req.styleName,
    baseModel: req.baseModel,
    params,
    priority: req.priority,
    startAt: startAt?.toISOString(),
    webhook: req.webhook,
    metadata: req.metadata ?? {},
    image: blob.sha256,
  });
  const createdAt = new Date().toISOString();
  const input: StyleTrainingInput = {
    jobId,
    tenantId: req.tenantId,
    styleName: req.styleName,
    baseModel: req.baseModel,
    image: blob,
    params,
    priority: req.priority,
    // The default endpoint is not part of the fingerprint: changing it never turns a retry into a conflict.
    webhook: req.webhook ?? deps.defaultWebhook,
    metadata: req.metadata,
    createdAt,
    heartbeatTimeoutMs: deps.heartbeatTimeoutMs,
  };
  if (Buffer.byteLength(JSON.stringify(input)) > MAX_INPUT_BYTES) {
    throw new ApiError(
      'validation_failed',
      'the request (without the image) is too large; shorten params, metadata or webhook',
    );
  }
  const submissionId = randomUUID();
  await startTrainingWorkflow({
    client: deps.client,
    taskQueue: TaskQueue.orchestration + (deps.taskQueueSuffix ?? ''),
    input,
    startAt,
    memo: {
      tenantId: req.tenantId,
      fingerprint,
      submissionId,
      createdAt,
      styleName: req.styleName,
      baseModel: req.baseModel,
      priority: req.priority,
      params,
      metadata: req.metadata ?? {},
      total,
      scheduledFor: startAt?.toISOString() ?? null,
    },
  });
  // Another tenant's job with this id and a different request of our own look the same:
  // neither reveals anything about the other tenant.
  const conflict = () =>
    new ApiError(
      'idempotency_conflict',
      `job id '${jobId}' is already used by a different request; use a new id or Idempotency-Key`,
    );
  const facts = await describeJob(deps.client, jobId, { tenantId: req.tenantId, isAdmin: false }).catch(
    (err: unknown) => {
      throw err instanceof ApiError && err.code === 'not_found' ? conflict() : err;
    },
  );
  if (facts.memo.fingerprint !== fingerprint) throw conflict();
  const created = facts.memo.submissionId === submissionId;
  // Only a job this request created: a replay may find the job finished, its blobs released.
  if (created) await deps.storage.referenceBlobs({ tenantId: req.tenantId, jobId }, [blob.sha256]);
  return { facts, created };
}
