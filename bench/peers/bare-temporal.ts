/**
 * The bare Temporal floor on the same dev server as Atelier, in the same run:
 *   - submissions: the SDK's client.workflow.start of the no-op workflow on a queue
 *     nobody polls (what any Temporal-based service pays at least per submission);
 *   - sustained: the no-op 3-activity workflow run to completion by its own worker
 *     process with one activity slot (what any such service pays at least per job).
 */
import { randomUUID } from 'node:crypto';
import { type Client } from '@temporalio/client';
import {
  measureSubmissions,
  measureSustained,
  type SubmitFigures,
  type SustainedFigures,
} from './measure.ts';
import { startReadyChild, stopChild } from './ready-child.ts';

export interface FloorFigures {
  submit: SubmitFigures;
  sustained: SustainedFigures;
}

const WORKFLOW = 'noopThreeActivitiesWorkflow';

export async function bareTemporalFloor(opts: {
  client: Client;
  address: string;
  temporalPid: () => number | undefined;
  logDir: string;
  windows: { warmupMs: number; windowMs: number };
}): Promise<FloorFigures> {
  const run = randomUUID().slice(0, 8);
  const idleQueue = `bench-floor-idle-${run}`;
  const submit = await measureSubmissions(
    (i) =>
      opts.client.workflow
        .start(WORKFLOW, { taskQueue: idleQueue, workflowId: `floor-start-${run}-${i}` })
        .then(() => undefined),
    () => ({ temporal: opts.temporalPid(), bench: process.pid }),
  );
  const taskQueue = `bench-floor-${run}`;
  const worker = await startReadyChild({
    name: 'floor-worker',
    script: new URL('./noop-worker.ts', import.meta.url).pathname,
    env: { FLOOR_TEMPORAL_ADDRESS: opts.address, FLOOR_TASK_QUEUE: taskQueue },
    logDir: opts.logDir,
    timeoutMs: 180_000,
  });
  try {
    const sustained = await measureSustained(
      (key) => opts.client.workflow.execute(WORKFLOW, { taskQueue, workflowId: `floor-${run}-${key}` }),
      () => ({ temporal: opts.temporalPid(), worker: worker.pid, bench: process.pid }),
      opts.windows,
    );
    return { submit, sustained };
  } finally {
    await stopChild(worker);
  }
}
