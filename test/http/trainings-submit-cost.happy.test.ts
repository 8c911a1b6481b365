/**
 * What a submission costs Temporal (issue 13): a new job is one StartWorkflowExecution —
 * no describe, no visibility scan for its queue place — and its 202 answer, built from
 * what was written, is the job a GET then shows. Only a repeated id takes the slow path
 * (describe, fingerprint), which still tells a replay from a conflict, also when two
 * identical requests race. The gateway's client counts the RPCs it sends (a gRPC
 * interceptor on a real connection to the real dev server). No worker runs: the jobs stay queued.
 */
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ApiJob } from '../../src/jobs/api-job.ts';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import { expectProblem, getJob, postJson, trainingBody, uniqueId } from '../helpers/api-client.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

type GrpcInterceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/** RPC name (e.g. `DescribeWorkflowExecution`) → calls since the last reset. */
const calls = new Map<string, number>();
const countCalls: GrpcInterceptor = (options, nextCall) => {
  const method = String(options.method_definition.path).split('/').at(-1)!;
  calls.set(method, (calls.get(method) ?? 0) + 1);
  // Passing the call on unchanged is a valid interceptor (grpc-js types want its class).
  return nextCall(options) as ReturnType<GrpcInterceptor>;
};
const callsOf = (method: string) => calls.get(method) ?? 0;

let connection: Connection | undefined;
let client: Client | undefined;
const h = useHarness();
beforeAll(async () => {
  connection = await Connection.connect({ address: h.address, interceptors: [countCalls] });
  client = new Client({ connection });
});
// After-hooks run in reverse: the gateway (registered below) stops before the connection closes.
afterAll(async () => {
  await connection?.close();
});
const gw = useGateway(h, {
  get client() {
    return client;
  },
});
beforeEach(() => calls.clear());

const submit = async (body: Record<string, unknown>, key?: string) => {
  const res = await postJson(gw, '/v1/trainings', body, { headers: key ? { 'idempotency-key': key } : {} });
  const job = (await res.json()) as ApiJob;
  expect(res.status, JSON.stringify(job)).toBe(202);
  return { job, replayed: res.headers.get('idempotent-replayed') === 'true' };
};

describe('POST /v1/trainings costs', () => {
  it('one start for a new job: no describe, no visibility scan, and the answer is what GET shows', async () => {
    const { job, replayed } = await submit(await trainingBody({ id: uniqueId() }));
    expect(replayed).toBe(false);
    expect(callsOf('StartWorkflowExecution')).toBe(1);
    expect(callsOf('DescribeWorkflowExecution')).toBe(0);
    expect(callsOf('ListWorkflowExecutions')).toBe(0);
    expect(job).toMatchObject({ status: 'queued', phase: 'queued', attempt: 0, progress: null });

    const got = await getJob(gw, job.id);
    // The same fields and values; only the queue place may differ (the POST had no snapshot to read).
    expect(Object.keys(job).sort()).toEqual(Object.keys(got).sort());
    expect({ ...job, queue: null }).toEqual({ ...got, queue: null });
    expect(got.queue?.position).toBeGreaterThanOrEqual(1);
  });

  it('reads the queue place from the snapshot a GET left, without scanning again', async () => {
    const first = await submit(await trainingBody());
    await getJob(gw, first.job.id); // the gateway now holds a queue snapshot
    calls.clear();
    const { job } = await submit(await trainingBody());
    expect(callsOf('ListWorkflowExecutions')).toBe(0);
    expect(callsOf('DescribeWorkflowExecution')).toBe(0);
    // Counted from its own facts, whatever the snapshot held.
    expect(job.queue?.position).toBeGreaterThanOrEqual(1);
    expect(job.queue?.length).toBeGreaterThanOrEqual(job.queue?.position ?? 0);
  });

  it('a repeated request takes the slow path: the same job (replayed), or 409 for another body', async () => {
    const key = uniqueId('key');
    const body = await trainingBody();
    const first = await submit(body, key);
    calls.clear();
    const again = await submit(body, key);
    expect(again.replayed).toBe(true);
    expect(again.job.id).toBe(first.job.id);
    expect(callsOf('DescribeWorkflowExecution')).toBeGreaterThanOrEqual(1);
    expect({ ...again.job, queue: null }).toEqual({ ...first.job, queue: null });

    const other = await postJson(gw, '/v1/trainings', await trainingBody({ priority: 1 }), {
      headers: { 'idempotency-key': key },
    });
    await expectProblem(other, 409, 'idempotency_conflict');
  });

  it('two identical requests at once give one job: one created, the other replayed', async () => {
    for (let round = 0; round < 3; round++) {
      const key = uniqueId('race');
      const body = await trainingBody();
      const answers = await Promise.all([submit(body, key), submit(body, key)]);
      expect(answers.map((a) => a.replayed).sort()).toEqual([false, true]);
      expect(answers[0].job.id).toBe(answers[1].job.id);
    }
  });

  it("a deleted job's id is free again: the slow path starts a new run (also for another body)", async () => {
    const id = uniqueId();
    const first = await submit(await trainingBody({ id }));
    // No worker here to run a cancellation's cleanup: close the job, then DELETE the closed job.
    await h.client.workflow
      .getHandle(trainingWorkflowId({ tenantId: first.job.tenantId, jobId: id }))
      .terminate();
    expect((await gw.fetch(`/v1/trainings/${id}`, { method: 'DELETE' })).status).toBe(204);
    calls.clear();
    const again = await submit(await trainingBody({ id, priority: 1 }));
    expect(again.replayed).toBe(false);
    expect(again.job).toMatchObject({ id, status: 'queued', priority: 1 });
    expect(callsOf('StartWorkflowExecution')).toBeGreaterThanOrEqual(2); // the fast try, then the new run
    expect((await getJob(gw, id)).priority).toBe(1);
  });

  it('two different requests racing for one id: one job, and a 409 for the other', async () => {
    const id = uniqueId();
    const [a, b] = await Promise.all([
      postJson(gw, '/v1/trainings', await trainingBody({ id, priority: 1 })),
      postJson(gw, '/v1/trainings', await trainingBody({ id, priority: 2 })),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const winner = ((await (a.status === 202 ? a : b).json()) as ApiJob).priority;
    await expectProblem(a.status === 409 ? a : b, 409, 'idempotency_conflict');
    expect((await getJob(gw, id)).priority).toBe(winner);
  });
});
