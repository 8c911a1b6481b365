/** Starts style packs straight through the Temporal client, and waits on their status query. */
import { randomUUID } from 'node:crypto';
import { type WorkflowHandle } from '@temporalio/client';
import { type Harness } from './harness.ts';
import { styleImage } from '../harness/images.ts';
import { packStatusQuery, type PackView, type StylePackInput } from '../../workflows/pack-messages.ts';
import { pollUntil } from './poll.ts';
import { packWorkflowId } from '../../workflows/job-identity.ts';
import { type stylePackWorkflow } from '../../workflows/style-pack.ts';

export async function startPack(
  h: Harness,
  images: Buffer[],
  params: Record<string, unknown>,
  maxParallel = 2,
) {
  const packId = `pack${randomUUID().slice(0, 8)}`;
  const styles = [];
  for (const [i, image] of images.entries()) {
    styles.push({
      styleName: `Style ${i + 1}`,
      baseModel: 'color-lut',
      image: await h.deps.storage.putBlob(image, 'image/png'),
      params,
    });
  }
  const input: StylePackInput = {
    packId,
    tenantId: 'local',
    styles,
    maxParallel,
    priority: 3,
    createdAt: new Date().toISOString(),
    heartbeatTimeoutMs: 4_000,
  };
  const handle = await h.client.workflow.start<typeof stylePackWorkflow>('stylePackWorkflow', {
    workflowId: packWorkflowId(input.tenantId, packId),
    taskQueue: h.orchestrationQueue,
    args: [input],
  });
  return { packId, handle };
}

export const goodImage = () => styleImage();
export const badImage = async () => (await styleImage()).subarray(0, 100);

export const waitForPack = (handle: WorkflowHandle, predicate: (v: PackView) => boolean): Promise<PackView> =>
  pollUntil(() => handle.query(packStatusQuery), predicate, { what: 'pack condition', timeoutMs: 90_000 });
