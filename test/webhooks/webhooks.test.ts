import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/webhooks/sign.ts';
import { trainingWorkflowId } from '../../workflows/messages.ts';
import { activityFacts } from '../helpers/history.ts';
import { collect, openEventStream } from '../helpers/event-stream.ts';
import { startReceiver, typesOf, type Delivery, type Receiver } from '../helpers/webhook-receiver.ts';
import { createJob, getJob, isTerminal, waitForJob } from '../helpers/api-client.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

const secret = () => `whsec_${randomBytes(32).toString('base64')}`;
const [OLD, NEW, STRANGER] = [secret(), secret(), secret()];
const FAST = { iterations: 3, lutSize: 17 };
const headersOf = (d: Delivery) => d.headers as Record<string, string>;

describe('webhooks (a real receiver on loopback)', () => {
  const receivers: Receiver[] = [];
  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  };
  // Both secrets sign during a rotation; loopback and plain http are allowed for the test.
  const h = useHarness({
    workers: 'all',
    deps: {
      webhooks: { secrets: [OLD, NEW], policy: { allowPrivate: true, allowHttp: true }, timeoutMs: 10_000 },
    },
  });
  const gw = useGateway(h);
  afterEach(async () => {
    for (const r of receivers.splice(0)) await r.close();
  });

  it('signs every delivery with each secret: receivers holding the old or the new one verify, others do not', async () => {
    const r = await receiver();
    const job = await createJob(gw, { params: FAST, webhook: { url: r.url } });
    const ds = await r.waitFor((all) => typesOf(all).includes('training.succeeded'));
    expect(typesOf(ds)).toEqual(['training.started', 'training.succeeded']);
    for (const d of ds) {
      const headers = headersOf(d);
      expect(verifyWebhook(OLD, headers, d.body)).toBe(true);
      expect(verifyWebhook(NEW, headers, d.body)).toBe(true);
      expect(verifyWebhook(STRANGER, headers, d.body)).toBe(false);
      expect(verifyWebhook(NEW, headers, d.body.replace(job.id, 'someone-else'))).toBe(false);
      expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
      expect(headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9_-]+$/); // Standard Webhooks: no '.'
      expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(headers['content-type']).toBe('application/json');
      // Thin payload: receivers fetch the job for details.
      expect(d.json).toEqual({
        type: d.json.type,
        timestamp: expect.any(String),
        data: { id: job.id, object: 'training' },
      });
    }
    expect(new Set(ds.map((d) => headersOf(d)['webhook-id'])).size).toBe(2);
  });

  // That the job never waits for its webhooks is shown by the always-failing endpoint below.
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
    expect(verifyWebhook(NEW, headersOf(started[1]), started[1].body)).toBe(true);
  });

  it('a 3xx is neither followed nor retried, and the job still succeeds', async () => {
    const target = await receiver();
    const r = await receiver(() => ({ status: 302, headers: { location: target.url } }));
    const job = await createJob(gw, { params: FAST, webhook: { url: r.url } });
    const handle = h.client.workflow.getHandle(trainingWorkflowId(job.id));
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
      .getHandle(trainingWorkflowId(job.id))
      .terminate('test cleanup: stop retrying the dead endpoint');
  });

  it('delivers only the event types the job asked for', async () => {
    const r = await receiver();
    const job = await createJob(gw, {
      params: FAST,
      webhook: { url: r.url, events: ['training.succeeded'] },
    });
    await h.client.workflow.getHandle(trainingWorkflowId(job.id)).result();
    expect(typesOf(r.deliveries)).toEqual(['training.succeeded']);
  });
});
