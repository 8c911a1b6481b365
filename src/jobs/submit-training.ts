/**
 * Submission of a training job, shared by `POST /v1/trainings` (JSON and multipart)
 * and the old `POST /queueTrain`: validate at the door (base model, parameters, image,
 * webhook), store the image as a blob (claim check), start the workflow, and resolve
 * idempotency (same job id + same fingerprint = the same job; otherwise IdConflict).
 * A new id costs one start and no describe: the answer is built from what was written.
 * Only when an execution already holds the id does the slow path run: the old API may
 * first clear a finished job that holds it (see free-legacy-id.ts), then the job found
 * is described and its fingerprint compared.
 */
import { randomUUID } from 'node:crypto';
import { StyleTrainingInputSchema, describeIssues } from '../../workflows/contract-schemas.ts';
import { TaskQueue } from '../../workflows/task-queues.ts';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import { type StyleTrainingInput, type WebhookTarget } from '../../workflows/messages.ts';
import { inspectImage } from '../imaging/inspect-image.ts';
import { refusalOf } from '../webhooks/address-policy.ts';
import { describeJob, type JobFacts } from './describe-job.ts';
import { fingerprintOf } from './fingerprint.ts';
import { JobMemoSchema, type JobMemoInput } from './job-memo.ts';
import { freeLegacyId } from './free-legacy-id.ts';
import { jobIdFromIdempotencyKey, newJobId } from './job-id.ts';
import { admitSubmission, type SubmissionQuota } from './admit-submission.ts';
import { type JobServiceDeps } from './job-service-deps.ts';
import { checkImage, JobServiceError } from './job-service-error.ts';
import { factsOfNewJob } from './new-job-facts.ts';
import { startNewTrainingWorkflow, startTrainingWorkflow } from './start-training-workflow.ts';
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
  /** The old API: a stopped or finished job with this id gives way to the new request. */
  legacy?: boolean;
  /** Admin keys: not subject to the per-tenant limits. */
  exemptFromLimits?: boolean;
}

export interface Submission {
  facts: JobFacts;
  /** False when the request repeated an earlier one (idempotent replay). */
  created: boolean;
  /** The tenant's rate state after this submission (when limits apply). */
  quota?: SubmissionQuota;
}

/** Workflow input stays small: history keeps it forever, and payloads are capped. */
const MAX_INPUT_BYTES = 16 * 1024;

async function checkWebhook(deps: JobServiceDeps, webhook: WebhookTarget | undefined): Promise<void> {
  if (!webhook || !deps.webhookPolicy) return;
  const refusal = await refusalOf(webhook.url, deps.webhookPolicy);
  if (refusal)
    throw new JobServiceError('InvalidInput', `webhook refused: ${refusal}`, {
      fields: [{ field: 'webhook.url', message: refusal }],
    });
}

/** The workflow checks its input itself; checking here too turns a bad one into a 4xx, not a failed job. */
function checkInput(input: StyleTrainingInput): void {
  const parsed = StyleTrainingInputSchema.safeParse(input);
  if (!parsed.success) throw new JobServiceError('InvalidInput', describeIssues(parsed.error));
  if (Buffer.byteLength(JSON.stringify(input)) > MAX_INPUT_BYTES) {
    throw new JobServiceError(
      'InvalidInput',
      'the request (without the image) is too large; shorten params, metadata or webhook',
    );
  }
}

export async function submitTraining(deps: JobServiceDeps, req: TrainingRequest): Promise<Submission> {
  const { params, total } = validateStyle(deps.trainers, req);
  const image = await checkImage(req.imageField, () => inspectImage(req.image, deps.limits.maxInputPixels));
  await checkWebhook(deps, req.webhook);
  const ref = {
    tenantId: req.tenantId,
    jobId:
      req.id ?? (req.idempotencyKey ? jobIdFromIdempotencyKey(req.tenantId, req.idempotencyKey) : newJobId()),
  };
  // After the checks (a refused request spends no token), before any storage work.
  const quota = await admitSubmission(deps, {
    tenantId: req.tenantId,
    workflowId: trainingWorkflowId(ref),
    weight: 1,
    exempt: req.exemptFromLimits,
  });
  const startAt = req.startAt && req.startAt.getTime() > Date.now() ? req.startAt : undefined;
  const createdAt = new Date().toISOString();
  const input: StyleTrainingInput = {
    ...ref,
    styleName: req.styleName,
    baseModel: req.baseModel,
    image: await deps.storage.putBlob(req.tenantId, req.image, image.contentType),
    params,
    priority: req.priority,
    // The default endpoint is not part of the fingerprint: changing it never turns a retry into a conflict.
    webhook: req.webhook ?? deps.defaultWebhook,
    metadata: req.metadata,
    createdAt,
    heartbeatTimeoutMs: deps.heartbeatTimeoutMs,
  };
  checkInput(input);
  const fingerprint = fingerprintOf({
    styleName: req.styleName,
    baseModel: req.baseModel,
    params,
    priority: req.priority,
    startAt: startAt?.toISOString(),
    webhook: req.webhook,
    metadata: req.metadata ?? {},
    image: input.image.sha256,
  });
  const submissionId = randomUUID();
  const memo: JobMemoInput = {
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
  };
  const taskQueue = TaskQueue.orchestration + (deps.taskQueueSuffix ?? '');
  const start = { client: deps.client, storage: deps.storage, taskQueue, input, startAt, memo };
  // The common case, a new id: one start RPC, and the answer is what it just wrote.
  const runId = await startNewTrainingWorkflow(start);
  if (runId !== null) {
    await deps.storage.referenceBlobs(ref, [input.image.sha256]);
    const facts = factsOfNewJob({ ...ref, runId, taskQueue, memo: JobMemoSchema.parse(memo), startAt });
    return { facts, created: true, quota };
  }
  // An execution holds the id: a retry, a conflict, a deleted job, or an old-API re-queue.
  if (req.legacy) await freeLegacyId(deps, ref, fingerprint);
  await startTrainingWorkflow(start);
  // A job this tenant started earlier with this id (from another request, or from a
  // workflow): the same id names it, and only the same request may claim it.
  const conflict = new JobServiceError(
    'IdConflict',
    `job id '${ref.jobId}' is already used by a different request; use a new id or Idempotency-Key`,
  );
  const facts = await describeJob(deps, ref).catch((err: unknown) => {
    throw err instanceof JobServiceError && err.kind === 'JobNotFound' ? conflict : err;
  });
  if (facts.memo.fingerprint !== fingerprint) throw conflict;
  const created = facts.memo.submissionId === submissionId;
  // Only a job this request created: a replay may find the job finished, its blobs released.
  if (created) await deps.storage.referenceBlobs(ref, [input.image.sha256]);
  return { facts, created, quota };
}
