/**
 * Waits until tasks sit in a task queue's backlog in the matching service. A workflow that has
 * scheduled an activity has not yet put its task into matching (the history service's transfer
 * queue does that a moment later, longer on a loaded machine); tests about dispatch order must
 * wait for the tasks themselves before a poller appears, or the first poll takes whichever task
 * arrived first.
 */
import { type Client } from '@temporalio/client';
import proto from '@temporalio/proto';

const { TaskQueueType } = proto.temporal.api.enums.v1;

/** Backlog count per priority key ("1".."5"; tasks without a priority count under the default key). */
export type BacklogByPriority = Record<string, number>;

export async function backlogByPriority(client: Client, taskQueue: string): Promise<BacklogByPriority> {
  const res = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
    reportStats: true,
  });
  const counts: BacklogByPriority = {};
  for (const [key, stats] of Object.entries(res.statsByPriorityKey ?? {}))
    counts[key] = Number(stats.approximateBacklogCount ?? 0);
  return counts;
}

/** Polls the backlog until `ready` holds; throws with the last counts after `timeoutMs`. */
export async function waitForBacklog(
  client: Client,
  taskQueue: string,
  ready: (counts: BacklogByPriority) => boolean,
  timeoutMs = 60_000,
): Promise<BacklogByPriority> {
  const deadline = Date.now() + timeoutMs;
  let counts: BacklogByPriority = {};
  while (Date.now() < deadline) {
    counts = await backlogByPriority(client, taskQueue);
    if (ready(counts)) return counts;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`task queue ${taskQueue} backlog never got ready: ${JSON.stringify(counts)}`);
}
