/**
 * "Serving", per member and incarnation, observed from outside the way a client or an
 * operator would: Temporal answers describeNamespace; the gateway's /readyz says 200;
 * a worker is serving once the server lists a poller with the identity of THIS process
 * (`<pid>@<host>`, the SDK's default), so a dead incarnation's stale poller entry never
 * counts. Each check gives up as soon as the process it waits for has exited.
 */
import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { waitForTemporal } from '../../src/temporal/dev-server.ts';
import { TaskQueue } from '../../workflows/task-queues.ts';
import { type Component, queueOf } from './components.ts';
import { type LoggedChild } from './logged-child.ts';

const { TaskQueueType } = proto.temporal.api.enums.v1;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class MemberExitedError extends Error {
  override name = 'MemberExitedError';
}

const exitedWhy = (child: LoggedChild) =>
  child.alive()
    ? undefined
    : `${child.name} (pid ${child.pid}) exited while starting:\n${child.tail().slice(-1500)}`;

function assertAlive(child: LoggedChild): void {
  const why = exitedWhy(child);
  if (why) throw new MemberExitedError(why);
}

export async function temporalServing(address: string, child: LoggedChild, deadline: number): Promise<void> {
  try {
    const connection = await waitForTemporal(address, 'default', deadline - Date.now(), () =>
      exitedWhy(child),
    );
    await connection.close();
  } catch (err) {
    assertAlive(child);
    throw err;
  }
}

export async function gatewayServing(url: string, child: LoggedChild, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    assertAlive(child);
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) })
      .then(async (res) => (await res.body?.cancel(), res.ok))
      .catch(() => false);
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`gateway not ready at ${url}/readyz`);
}

export async function workerServing(
  address: string,
  component: Exclude<Component, 'temporal' | 'gateway'>,
  child: LoggedChild,
  deadline: number,
): Promise<void> {
  const taskQueue = { name: TaskQueue[queueOf(component)] };
  const taskQueueType =
    component === 'orchestration'
      ? TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW
      : TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY;
  let connection: Connection | undefined;
  try {
    while (Date.now() < deadline) {
      assertAlive(child);
      try {
        connection ??= await Connection.connect({ address, connectTimeout: 1_000 });
        const res = await connection.withDeadline(Date.now() + 2_000, () =>
          connection!.workflowService.describeTaskQueue({ namespace: 'default', taskQueue, taskQueueType }),
        );
        if ((res.pollers ?? []).some((p) => p.identity?.startsWith(`${child.pid}@`))) return;
      } catch {
        // Temporal itself may be restarting; keep asking until the deadline.
      }
      await sleep(150);
    }
  } finally {
    await connection?.close();
  }
  throw new Error(`no ${component} worker poller with pid ${child.pid}`);
}
