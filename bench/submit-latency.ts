/**
 * submit_gateway_*: POST /v1/trainings (JSON, base64 PNG, unique Idempotency-Key) at
 * concurrency 20, against submit_direct_*: the SDK client starting the same workflow
 * with the same input, memo and search attributes (startTrainingWorkflow, the code
 * the gateway's slow path calls; a new id costs it one start, like the gateway's
 * FAIL-policy start), the image already stored. The difference is what the HTTP layer
 * costs: parsing, validation, the image sniff, the blob write and its reference, and the
 * job view in the answer (built from what was written: no describe, no queue scan since
 * issue 13). No worker polls the queue these jobs go to.
 * Rounds alternate (gateway, direct, gateway, direct) so a growing database biases neither;
 * then 60 of each one at a time, for the cost of each path without CPU queueing.
 */
import { randomUUID } from 'node:crypto';
import { type Client } from '@temporalio/client';
import { startTrainingWorkflow } from '../src/jobs/start-training-workflow.ts';
import { createFsStorage } from '../src/storage/fs-storage.ts';
import { TaskQueue } from '../workflows/task-queues.ts';
import { styleImage } from '../test/harness/images.ts';
import { summarize, timedConcurrent, type Summary } from './stats.ts';

export const CONCURRENCY = 20;
export const ONE_ITERATION = { iterations: 1, lutSize: 17 };

export interface SubmitTarget {
  gatewayUrl: string;
  client: Client;
  dataDir: string;
  /** Queue suffix the gateway was started with (an unpolled queue). */
  suffix: string;
}

export async function trainingBody(): Promise<string> {
  return JSON.stringify({
    styleName: 'Bench',
    baseModel: 'color-lut',
    styleRefBase64: (await styleImage()).toString('base64'),
    params: ONE_ITERATION,
  });
}

export async function postTraining(gatewayUrl: string, body: string, key: string): Promise<{ id: string }> {
  const res = await fetch(`${gatewayUrl}/v1/trainings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body,
  });
  const job = (await res.json()) as { id: string };
  if (res.status !== 202)
    throw new Error(`POST /v1/trainings answered ${res.status}: ${JSON.stringify(job)}`);
  return job;
}

export interface SubmitLatency {
  gateway: Summary;
  direct: Summary;
  /** One request at a time: the cost of each path without queueing for the CPU. */
  gatewaySequential: Summary;
  directSequential: Summary;
}

export async function submitLatency(t: SubmitTarget, perRound: number): Promise<SubmitLatency> {
  const body = await trainingBody();
  const storage = createFsStorage(t.dataDir);
  const image = await storage.putBlob('local', await styleImage(), 'image/png');
  const params = { seed: 42, iterations: 1, lutSize: 17, strength: 1, smoothing: 0, patience: 10 };
  const run = randomUUID().slice(0, 8);
  const viaGateway = (round: number) => (i: number) =>
    postTraining(t.gatewayUrl, body, `bench-${run}-g${round}-${i}`).then(() => undefined);
  const direct = (round: number) => (i: number) => {
    const jobId = `bench-${run}-d${round}-${i}`;
    const createdAt = new Date().toISOString();
    return startTrainingWorkflow({
      client: t.client,
      storage,
      taskQueue: TaskQueue.orchestration + t.suffix,
      input: {
        jobId,
        tenantId: 'local',
        styleName: 'Bench',
        baseModel: 'color-lut',
        image,
        params,
        priority: 3,
        createdAt,
        heartbeatTimeoutMs: 10_000,
      },
      memo: {
        tenantId: 'local',
        fingerprint: jobId,
        submissionId: randomUUID(),
        createdAt,
        styleName: 'Bench',
        baseModel: 'color-lut',
        priority: 3,
        params,
        metadata: {},
        total: 1,
        scheduledFor: null,
      },
    });
  };
  // Warm-up: connections, JIT, the server's caches.
  await timedConcurrent(40, CONCURRENCY, viaGateway(0));
  await timedConcurrent(40, CONCURRENCY, direct(0));
  const gateway: number[] = [];
  const sdk: number[] = [];
  for (const round of [1, 2]) {
    gateway.push(...(await timedConcurrent(perRound, CONCURRENCY, viaGateway(round))));
    sdk.push(...(await timedConcurrent(perRound, CONCURRENCY, direct(round))));
  }
  const gatewaySequential = summarize(await timedConcurrent(60, 1, viaGateway(3)));
  const directSequential = summarize(await timedConcurrent(60, 1, direct(3)));
  return { gateway: summarize(gateway), direct: summarize(sdk), gatewaySequential, directSequential };
}
