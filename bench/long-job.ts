/**
 * A long training job (lutSize 65, up to 1,000 iterations) submitted through the bench
 * stack's gateway, and a reader of its training activity as the server sees it. Recovery
 * and the takeover probe kill or load the machine around one of these, then cancel it.
 */
import { describeJob, type TrainingActivityFacts } from '../src/jobs/describe-job.ts';
import { createFsStorage } from '../src/storage/fs-storage.ts';
import { type CheckpointRecord } from '../src/storage/types.ts';
import { styleImage } from '../test/harness/images.ts';
import { trainingWorkflowId, type JobRef } from '../workflows/job-identity.ts';
import { LOCAL_TENANT } from '../src/auth/api-keys.ts';
import { type BenchStack } from './stack.ts';
import { postTraining } from './submit-latency.ts';

export interface LongJob {
  ref: JobRef;
  /** The pending training activity (undefined between attempts or once the job is done). */
  training(): Promise<TrainingActivityFacts | undefined>;
  /** The job's latest checkpoint record (throws when there is none yet). */
  latestCheckpoint(): Promise<CheckpointRecord>;
  /** Cancels the job and waits (up to 30 s) for its workflow to close. */
  cancel(): Promise<void>;
}

export async function submitLongJob(stack: BenchStack, name: string): Promise<LongJob> {
  const { cluster, client } = stack;
  const storage = createFsStorage(stack.dataDir);
  const body = JSON.stringify({
    styleName: `Bench ${name}`,
    baseModel: 'color-lut',
    styleRefBase64: (await styleImage(256, 192)).toString('base64'),
    params: { lutSize: 65, iterations: 1000, patience: 100 },
  });
  const { id } = await postTraining(cluster.gatewayUrl, body, `bench-${name}-${Date.now()}`);
  const ref = { tenantId: LOCAL_TENANT, jobId: id };
  return {
    ref,
    training: () => describeJob({ client, storage }, ref).then((f) => f.training ?? undefined),
    async latestCheckpoint() {
      const latest = (await storage.listCheckpoints(ref)).at(-1);
      if (!latest) throw new Error(`job ${id} has no checkpoint yet`);
      return latest;
    },
    async cancel() {
      await fetch(`${cluster.gatewayUrl}/v1/trainings/${id}/cancel`, { method: 'POST' }).then((r) =>
        r.arrayBuffer(),
      );
      const closed = client.workflow
        .getHandle(trainingWorkflowId(ref))
        .result()
        .catch(() => undefined);
      await Promise.race([closed, new Promise((r) => setTimeout(r, 30_000))]);
    },
  };
}

/** Polls `fn` every `everyMs` until it returns a value (a throw counts as "not yet"). */
export async function until<T>(
  what: string,
  timeoutMs: number,
  everyMs: number,
  fn: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
