/**
 * Submission of a style pack (`POST /v1/packs`): every style is validated at the door
 * like a single job (base model, parameters, image), each image stored as a blob, then
 * one `stylePackWorkflow` starts. Its id comes from the client `id` or the
 * `Idempotency-Key`, so a retried request meets the same pack.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { packChildJobId, packWorkflowId } from '../../workflows/job-identity.ts';
import { type PackStyleInput, type StylePackInput } from '../../workflows/pack-messages.ts';
import { TenantIdKey } from '../../workflows/search-attributes.ts';
import { TaskQueue } from '../../workflows/task-queues.ts';
import { type stylePackWorkflow } from '../../workflows/style-pack.ts';
import { inspectImage } from '../imaging/inspect-image.ts';
import { fingerprintOf } from './fingerprint.ts';
import { jobIdFromIdempotencyKey, newJobId } from './job-id.ts';
import { admitSubmission, type SubmissionQuota } from './admit-submission.ts';
import { type JobServiceDeps } from './job-service-deps.ts';
import { checkImage, JobServiceError } from './job-service-error.ts';
import { readPackMemo } from './read-pack.ts';
import { validateStyle } from './validate-style.ts';

export interface PackStyleRequest {
  styleName: string;
  baseModel: string;
  image: Buffer;
  params: Record<string, unknown>;
}

export interface PackRequest {
  tenantId: string;
  id?: string;
  idempotencyKey?: string;
  styles: PackStyleRequest[];
  maxParallel: number;
  priority: number;
  /** Admin keys: not subject to the per-tenant limits. */
  exemptFromLimits?: boolean;
}

/** A style checked at the door like a single job (base model, parameters, image); nothing stored yet. */
async function checkStyle(deps: JobServiceDeps, style: PackStyleRequest, i: number) {
  const { params, total } = validateStyle(deps.trainers, style, `styles.${i}.`);
  const { contentType } = await checkImage(`styles.${i}.styleRefBase64`, () =>
    inspectImage(style.image, deps.limits.maxInputPixels),
  );
  return { params, total, contentType };
}

/**
 * Starts (or finds) the pack; returns its id and whether this request created it. Under
 * ATELIER_TENANT_MAX_ACTIVE a pack of N styles takes N slots at once (released as its
 * styles finish); a pack larger than the cap is refused outright.
 */
export async function submitPack(
  deps: JobServiceDeps,
  req: PackRequest,
): Promise<{ packId: string; created: boolean; quota?: SubmissionQuota }> {
  const checked = [];
  for (const [i, style] of req.styles.entries()) checked.push(await checkStyle(deps, style, i));
  const packId =
    req.id ?? (req.idempotencyKey ? jobIdFromIdempotencyKey(req.tenantId, req.idempotencyKey) : newJobId());
  const quota = await admitSubmission(deps, {
    tenantId: req.tenantId,
    workflowId: packWorkflowId(req.tenantId, packId),
    weight: req.styles.length,
    exempt: req.exemptFromLimits,
  });
  const styles: PackStyleInput[] = [];
  for (const [i, style] of req.styles.entries()) {
    const { params, total, contentType } = checked[i];
    const image = await deps.storage.putBlob(req.tenantId, style.image, contentType);
    styles.push({ styleName: style.styleName, baseModel: style.baseModel, image, params, total });
  }
  const { maxParallel, priority } = req;
  const fingerprint = fingerprintOf({ styles, maxParallel, priority });
  const submissionId = randomUUID();
  const input: StylePackInput = {
    packId,
    tenantId: req.tenantId,
    styles,
    maxParallel,
    priority,
    createdAt: new Date().toISOString(),
    heartbeatTimeoutMs: deps.heartbeatTimeoutMs,
  };
  // FAIL: a running or closed pack with this id is compared below, never started again;
  // a new one needs no read-back (this request created it).
  let created = true;
  try {
    await deps.client.workflow.start<typeof stylePackWorkflow>('stylePackWorkflow', {
      workflowId: packWorkflowId(req.tenantId, packId),
      taskQueue: TaskQueue.orchestration + (deps.taskQueueSuffix ?? ''),
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [{ key: TenantIdKey, value: req.tenantId }],
      memo: {
        kind: 'pack',
        tenantId: req.tenantId,
        styles: styles.length,
        createdAt: input.createdAt,
        fingerprint,
        submissionId,
      },
      staticSummary: `Style pack ${packId}: ${styles.length} styles`,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    created = false;
  }
  if (!created) {
    const memo = await readPackMemo(deps.client, { tenantId: req.tenantId, packId });
    if (memo.fingerprint !== fingerprint)
      throw new JobServiceError(
        'IdConflict',
        `pack id '${packId}' is already used by a different request; use a new id or Idempotency-Key`,
      );
  }
  // Each style's job keeps its image until it finishes (its jobs start later, a few at a time);
  // only the request that created the pack: a replay may find its jobs finished, their blobs released.
  if (created) {
    for (const [i, style] of styles.entries()) {
      const job = { tenantId: req.tenantId, jobId: packChildJobId(packId, i) };
      await deps.storage.referenceBlobs(job, [style.image.sha256]);
    }
  }
  return { packId, created, quota };
}
