/**
 * Submission of a training job, shared by `POST /v1/trainings` (JSON and multipart)
 * and the old `POST /queueTrain`: validate at the door (base model, parameters, image,
 * webhook), store the image as a blob (claim check), start the workflow, and resolve
 * idempotency (same job id + same fingerprint = the same job; otherwise 409).
 */
import { randomUUID } from 'node:crypto';
import { TaskQueue } from '../../workflows/task-queues.ts';
import { type StyleTrainingInput, type WebhookTarget } from '../../workflows/messages.ts';
import { inspectImage } from '../imaging/inspect-image.ts';
import { refusalOf } from '../webhooks/address-policy.ts';
import { describeJob, type JobFacts } from './describe-job.ts';
import { fingerprintOf } from './fingerprint.ts';
import { jobIdFromIdempotencyKey, newJobId } from './job-id.ts';
import { type JobServiceDeps } from './job-service-deps.ts';
import { checkImage, JobServiceError } from './job-service-error.ts';
import { startTrainingWorkflow } from './start-training-workflow.ts';
import { validateStyle } from './validate-style.ts';

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

export async function submitTraining(deps: JobServiceDeps, req: TrainingRequest): Promise<Submission> {
  const { params, total } = validateStyle(deps.trainers, req);
  const image = await checkImage(req.imageField, () => inspectImage(req.image, deps.limits.maxInputPixels));
  if (req.webhook && deps.webhookPolicy) {
    const refusal = await refusalOf(req.webhook.url, deps.webhookPolicy);
    if (refusal)
      throw new JobServiceError('InvalidInput', `webhook refused: ${refusal}`, {
        fields: [{ field: 'webhook.url', message: refusal }],
      });
  }
  const jobId =
    req.id ?? (req.idempotencyKey ? jobIdFromIdempotencyKey(req.tenantId, req.idempotencyKey) : newJobId());
  const blob = await deps.storage.putBlob(req.image, image.contentType);
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
    throw new JobServiceError(
      'InvalidInput',
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
    new JobServiceError(
      'IdConflict',
      `job id '${jobId}' is already used by a different request; use a new id or Idempotency-Key`,
    );
  const facts = await describeJob(deps.client, jobId, { tenantId: req.tenantId, isAdmin: false }).catch(
    (err: unknown) => {
      throw err instanceof JobServiceError && err.kind === 'JobNotFound' ? conflict() : err;
    },
  );
  if (facts.memo.fingerprint !== fingerprint) throw conflict();
  return { facts, created: facts.memo.submissionId === submissionId };
}
