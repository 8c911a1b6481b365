/**
 * Builds the workers of one process. Orchestration runs the workflows and the light
 * activities; training runs only `trainStyle`, with as many slots as the machine has
 * trainers, so a long training never holds up decoding or publishing.
 */
import { type NativeConnection, Worker, type WorkerPlugin } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities/index.ts';
import { TaskQueue } from '../../workflows/task-queues.ts';
import { workflowSource } from './workflow-source.ts';

export type QueueSelection = 'orchestration' | 'training' | 'all';

export interface CreateWorkersOptions {
  connection: NativeConnection;
  namespace: string;
  queues: QueueSelection;
  trainingSlots: number;
  shutdownGraceMs: number;
  workflowBundle?: string;
  deps: ActivityDeps;
  /** Test isolation: a suffix for both task queue names. */
  taskQueueSuffix?: string;
  /** e.g. tracing's interceptors (src/telemetry/tracing.ts). */
  plugins?: WorkerPlugin[];
}

export async function createWorkers(opts: CreateWorkersOptions): Promise<Worker[]> {
  const { trainStyle, ...light } = createActivities(opts.deps);
  const suffix = opts.taskQueueSuffix ?? '';
  const common = {
    connection: opts.connection,
    namespace: opts.namespace,
    shutdownGraceTime: opts.shutdownGraceMs,
    // Progress reaches the server (and so the API) at least every second.
    maxHeartbeatThrottleInterval: '1s',
    defaultHeartbeatThrottleInterval: '1s',
    plugins: opts.plugins,
  };
  const workers: Worker[] = [];
  if (opts.queues !== 'training') {
    workers.push(
      await Worker.create({
        ...common,
        ...workflowSource(opts.workflowBundle),
        taskQueue: TaskQueue.orchestration + suffix,
        activities: light,
      }),
    );
  }
  if (opts.queues !== 'orchestration') {
    workers.push(
      await Worker.create({
        ...common,
        taskQueue: TaskQueue.training + suffix,
        activities: { trainStyle },
        maxConcurrentActivityTaskExecutions: opts.trainingSlots,
      }),
    );
  }
  return workers;
}
