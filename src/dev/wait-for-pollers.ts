/** Waits until some worker polls each task queue, so "up" means jobs will actually run. */
import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';

const { TaskQueueType } = proto.temporal.api.enums.v1;

export async function waitForPollers(
  address: string,
  namespace: string,
  queues: { name: string; kind: 'workflow' | 'activity' }[],
  timeoutMs: number,
): Promise<boolean> {
  const connection = await Connection.connect({ address });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const polled = await Promise.all(
        queues.map(async (q) => {
          const res = await connection.workflowService.describeTaskQueue({
            namespace,
            taskQueue: { name: q.name },
            taskQueueType:
              q.kind === 'workflow'
                ? TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW
                : TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
          });
          return (res.pollers?.length ?? 0) > 0;
        }),
      );
      if (polled.every(Boolean)) return true;
      await new Promise((r) => setTimeout(r, 300));
    }
    return false;
  } finally {
    await connection.close();
  }
}
