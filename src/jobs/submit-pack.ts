/**
 * Submission of a style pack (`POST /v1/packs`): every style is validated at the door
 * like a single job (base model, parameters, image), each image stored as a blob, then
 * one `stylePackWorkflow` starts. Its id comes from the client `id` or the
 * `Idempotency-Key`, so a retried request meets the same pack.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { packWorkflowId, type PackStyleInput, type StylePackInput } from '../../workflows/pack-messages.ts';
import { TenantIdKey } from '../../workflows/search-attributes.ts';
import { TaskQueue } from '../../workflows/task-queues.ts';
import { type stylePackWorkflow } from '../../workflows/style-pack.ts';
import { inspectImage } from '../imaging/inspect-image.ts';
import { jobIdFromIdempotencyKey, newJobId } from './job-id.ts';
import { type JobServiceDeps } from './job-service-deps.ts';
import { checkImage } from './job-service-error.ts';
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
  // Pack ids leave room for the `-sN` suffix of their jobs within the 64-character job id limit.
  const packId =
    req.id ??
    (req.idempotencyKey ? jobIdFromIdempotencyKey(req.tenantId, req.idempotencyKey) : newJobId()).slice(
      0,
      40,
    );
  const input: StylePackInput = {
    packId,
    tenantId: req.tenantId,
    styles,
    maxParallel: req.maxParallel,
    priority: req.priority,
    createdAt: new Date().toISOString(),
    heartbeatTimeoutMs: deps.heartbeatTimeoutMs,
  };
  try {
    await deps.client.workflow.start<typeof stylePackWorkflow>('stylePackWorkflow', {
      workflowId: packWorkflowId(packId),
      taskQueue: TaskQueue.orchestration + (deps.taskQueueSuffix ?? ''),
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [{ key: TenantIdKey, value: req.tenantId }],
      memo: { tenantId: req.tenantId, kind: 'pack', styles: styles.length },
      staticSummary: `Style pack ${packId}: ${styles.length} styles`,
    });
    return { packId, created: true };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return { packId, created: false };
  }
}
