/**
 * Submission of a style pack (`POST /v1/packs`): every style is validated at the door
 * like a single job (base model, parameters, image), each image stored as a blob, then
 * one `stylePackWorkflow` starts. Its id comes from the client `id` or the
 * `Idempotency-Key`, so a retried request meets the same pack.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  packJobId,
  packWorkflowId,
  type PackStyleInput,
  type StylePackInput,
} from '../../workflows/pack-messages.ts';
import { TenantIdKey } from '../../workflows/search-attributes.ts';
import { TaskQueue } from '../../workflows/task-queues.ts';
import { type stylePackWorkflow } from '../../workflows/style-pack.ts';
import { type GatewayDeps } from '../http/app-types.ts';
import { ApiError } from '../http/errors.ts';
import { admitImage } from '../http/uploads/admit-image.ts';
import { InvalidParamsError } from '../training/trainer.ts';
import { jobIdFromIdempotencyKey, newJobId } from './job-id.ts';

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

async function admitStyle(
  deps: GatewayDeps,
  tenantId: string,
  style: PackStyleRequest,
  i: number,
): Promise<PackStyleInput> {
  const trainer = deps.trainers.get(style.baseModel);
  if (!trainer) {
    throw new ApiError('unknown_base_model', `styles[${i}]: unknown baseModel '${style.baseModel}'`, {
      errors: [
        { field: `styles.${i}.baseModel`, message: `must be one of ${deps.trainers.names().join(', ')}` },
      ],
    });
  }
  let params: Record<string, unknown>;
  try {
    params = trainer.parseParams(style.params);
  } catch (err) {
    if (!(err instanceof InvalidParamsError)) throw err;
    throw new ApiError('validation_failed', err.message, {
      errors: err.fields.map((f) => ({ field: `styles.${i}.params.${f.field}`, message: f.message })),
    });
  }
  const admitted = await admitImage(style.image, `styles.${i}.styleRefBase64`, deps.limits.maxInputPixels);
  const image = await deps.storage.putBlob(tenantId, style.image, admitted.contentType);
  return {
    styleName: style.styleName,
    baseModel: style.baseModel,
    image,
    params,
    total: trainer.totalIterations(params),
  };
}

/** Starts (or finds) the pack; returns its id and whether this request created it. */
export async function submitPack(
  deps: GatewayDeps,
  req: PackRequest,
): Promise<{ packId: string; created: boolean }> {
  const styles: PackStyleInput[] = [];
  for (const [i, style] of req.styles.entries()) styles.push(await admitStyle(deps, req.tenantId, style, i));
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
    // Each style's job keeps its image until it finishes (its jobs start later, a few at a time).
    for (const [i, style] of styles.entries()) {
      await deps.storage.referenceBlobs({ tenantId: req.tenantId, jobId: packJobId(packId, i) }, [
        style.image.sha256,
      ]);
    }
    return { packId, created: true };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return { packId, created: false };
  }
}
