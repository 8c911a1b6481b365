/** Webhook endpoints that fail: retried with the same id, redirects refused, and never a reason for a job to fail or wait. */
import { describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/webhooks/sign.ts';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import { activityFacts } from '../harness/history.ts';
import { collect, openEventStream } from '../helpers/event-stream.ts';
import { headersOf, typesOf, useWebhookStack, webhookSecret } from '../helpers/webhook-receiver.ts';
import { createJob, getJob, isTerminal, waitForJob } from '../helpers/api-client.ts';

const SECRET = webhookSecret();
const FAST = { iterations: 3, lutSize: 17 };

describe('webhook endpoints that fail', () => {
  const { h, gw, receiver } = useWebhookStack([SECRET]);

  // That the job never waits for its webhooks is what the always-failing endpoint below shows.
  it('retries after a 500 with the same webhook-id, and the job succeeds', async () => {
    const r = await receiver((d, all) => ({
      status:
        all.filter((x) => x.json.type === d.json.type).length === 1 && d.json.type === 'training.started'
          ? 500
          : 204,
    }));
    const job = await createJob(gw, { params: FAST, webhook: { url: r.url } });
    const done = await waitForJob(gw, job.id, isTerminal);
    expect(done.status).toBe('succeeded');
    const ds = await r.waitFor((all) => all.filter((d) => d.json.type === 'training.started').length === 2);
    const started = ds.filter((d) => d.json.type === 'training.started');
    expect(headersOf(started[1])['webhook-id']).toBe(headersOf(started[0])['webhook-id']);
    expect(Number(headersOf(started[1])['webhook-timestamp'])).toBeGreaterThan(
      Number(headersOf(started[0])['webhook-timestamp']),
    );
    expect(verifyWebhook(SECRET, headersOf(started[1]), started[1].body)).toBe(true);
  });

  it('a 3xx is neither followed nor retried, and the job still succeeds', async () => {
    const target = await receiver();
    const r = await receiver(() => ({ status: 302, headers: { location: target.url } }));
    const job = await createJob(gw, { params: FAST, webhook: { url: r.url } });
    const handle = h.client.workflow.getHandle(trainingWorkflowId({ tenantId: job.tenantId, jobId: job.id }));
    await handle.result();
    expect((await getJob(gw, job.id)).status).toBe('succeeded');
    expect(target.deliveries).toHaveLength(0);
    expect(typesOf(r.deliveries)).toEqual(['training.started', 'training.succeeded']);
    const facts = await activityFacts(handle);
    const refused = facts.failures.filter((f) => f.activityType === 'deliverWebhook');
    expect(refused).toEqual([
      { activityType: 'deliverWebhook', type: 'WebhookRefused', nonRetryable: true },
      { activityType: 'deliverWebhook', type: 'WebhookRefused', nonRetryable: true },
    ]);
    expect(
      facts.started.filter((s) => s.activityType === 'deliverWebhook').every((s) => s.attempt === 1),
    ).toBe(true);
  });

  it('an endpoint that always fails never fails or holds up the job', async () => {
    const r = await receiver(() => ({ status: 503 }));
    const job = await createJob(gw, { params: FAST, webhook: { url: r.url } });
    const done = await waitForJob(gw, job.id, isTerminal, { timeoutMs: 30_000 });
    expect(done).toMatchObject({ status: 'succeeded', error: null });
    expect(done.artifacts.map((a) => a.name)).toContain('style.cube');
    // Deliveries keep being retried for up to a day; the job's outcome is already final,
    // and so is its event stream: it ends, and a reconnect past the end gets 204.
    expect(typesOf(r.deliveries)).toContain('training.started');
    const messages = await collect(await openEventStream(gw, job.id));
    expect(messages.at(-1)).toMatchObject({ event: 'end', json: { status: 'succeeded' } });
    expect((await openEventStream(gw, job.id, { lastEventId: messages.at(-2)!.id! })).response.status).toBe(
      204,
    );
    await h.client.workflow
      .getHandle(trainingWorkflowId({ tenantId: job.tenantId, jobId: job.id }))
      .terminate('test cleanup: stop retrying the dead endpoint');
  });
});
