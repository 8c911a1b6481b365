/**
 * Worker process of the bare Temporal floor (started by bare-temporal.ts): the
 * no-op workflow and its no-op activity on one task queue, one activity slot like
 * Atelier's default training worker. Says "ready" over IPC once it polls; drains
 * on SIGTERM or when its parent goes away.
 */
import { NativeConnection, Worker } from '@temporalio/worker';

export const noopActivities = {
  async noop(): Promise<void> {},
};

const address = process.env.FLOOR_TEMPORAL_ADDRESS;
const taskQueue = process.env.FLOOR_TASK_QUEUE;
if (!address || !taskQueue) throw new Error('FLOOR_TEMPORAL_ADDRESS and FLOOR_TASK_QUEUE must be set');

const connection = await NativeConnection.connect({ address });
const worker = await Worker.create({
  connection,
  namespace: 'default',
  taskQueue,
  workflowsPath: new URL('./noop-workflow.ts', import.meta.url).pathname,
  activities: noopActivities,
  maxConcurrentActivityTaskExecutions: 1,
});
process.once('disconnect', () => worker.shutdown());
const running = worker.run();
process.send?.('ready');
await running;
await connection.close();
