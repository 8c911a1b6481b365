/**
 * Submission of a style pack (`POST /v1/packs`): every style is validated at the door
 * like a single job (base model, parameters, image), each image stored as a blob, then
 * one `stylePackWorkflow` starts. Its id comes from the client `id` or the
 * `Idempotency-Key`, so a retried request meets the same pack.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { packWorkflowId } from '../../workflows/job-identity.ts';
import { type PackStyleInput, type StylePackInput } from '../../workflows/pack-messages.ts';
import { TenantIdKey } from '../../workflows/search-attributes.ts';
import { TaskQueue } from '../../workflows/task-queues.ts';
import { type stylePackWorkflow } from '../../workflows/style-pack.ts';
import { inspectImage } from '../imaging/inspect-image.ts';
import { fingerprintOf } from './fingerprint.ts';
import { jobIdFromIdempotencyKey, newJobId } from './job-id.ts';
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
}

async function admitStyle(deps: JobServiceDeps, style: PackStyleRequest, i: number): Promise<PackStyleInput> {
  const { params, total } = validateStyle(deps.trainers, style, `styles.${i}.`);
  const admitted = await checkImage(`styles.${i}.styleRefBase64`, () =>
    inspectImage(style.image, deps.limits.maxInputPixels),
  );
  const image = await deps.storage.putBlob(style.image, admitted.contentType);
  return { styleName: style.styleName, baseModel: style.baseModel, image, params, total };
}

/** Starts (or finds) the pack; returns its id and whether this request created it. */
export async function submitPack(
  deps: JobServiceDeps,
  req: PackRequest,
): Promise<{ packId: string; created: boolean }> {
  const styles: PackStyleInput[] = [];
  for (const [i, style] of req.styles.entries()) styles.push(await admitStyle(deps, style, i));
  const packId =
    req.id ?? (req.idempotencyKey ? jobIdFromIdempotencyKey(req.tenantId, req.idempotencyKey) : newJobId());
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
  try {
    await deps.client.workflow.start<typeof stylePackWorkflow>('stylePackWorkflow', {
      workflowId: packWorkflowId(req.tenantId, packId),
      taskQueue: TaskQueue.orchestration + (deps.taskQueueSuffix ?? ''),
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
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
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err; // closed: compared below
  }
  const memo = await readPackMemo(deps.client, { tenantId: req.tenantId, packId });
  if (memo.fingerprint !== fingerprint)
    throw new JobServiceError(
      'IdConflict',
      `pack id '${packId}' is already used by a different request; use a new id or Idempotency-Key`,
    );
  return { packId, created: memo.submissionId === submissionId };
}
