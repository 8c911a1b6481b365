/** Webhook deliveries to a real receiver on loopback: signed, thin, only the events asked for (failures: webhooks.error). */
import { describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/webhooks/sign.ts';
import { trainingWorkflowId } from '../../workflows/job-identity.ts';
import { headersOf, typesOf, useWebhookStack, webhookSecret } from '../helpers/webhook-receiver.ts';
import { createJob } from '../helpers/api-client.ts';

const [OLD, NEW, STRANGER] = [webhookSecret(), webhookSecret(), webhookSecret()];
const FAST = { iterations: 3, lutSize: 17 };

describe('webhooks (a real receiver on loopback)', () => {
  // Both secrets sign during a rotation.
  const { h, gw, receiver } = useWebhookStack([OLD, NEW]);

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

  it('delivers only the event types the job asked for', async () => {
    const r = await receiver();
    const job = await createJob(gw, {
      params: FAST,
      webhook: { url: r.url, events: ['training.succeeded'] },
    });
    await h.client.workflow.getHandle(trainingWorkflowId({ tenantId: job.tenantId, jobId: job.id })).result();
    expect(typesOf(r.deliveries)).toEqual(['training.succeeded']);
  });
});
