/**
 * Webhook notifications of one job: each accepted event is delivered by the
 * `deliverWebhook` activity, at least once, with an id fixed here so every retry
 * carries the same one (receivers de-duplicate on it).
 */
import {
  CancellationScope,
  isCancellation,
  patched,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { webhookActivityOptions } from './activity-options.ts';
import type { StyleTrainingInput, WEBHOOK_EVENTS } from './contract-schemas.ts';

type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Webhooks delivered beside the job instead of inline; a patch keeps older histories replaying. */
const BACKGROUND_WEBHOOKS_PATCH = 'webhooks-in-background';
const notify = proxyActivities<ReturnType<typeof createActivities>>(webhookActivityOptions);

export class WebhookNotifier {
  /** Deliveries in flight; the workflow closes only after they settle (at-least-once). */
  private readonly deliveries: Promise<void>[] = [];

  constructor(
    private readonly input: StyleTrainingInput,
    /** The training run the event belongs to: part of its id. */
    private readonly currentRun: () => number,
  ) {}

  async notify(type: WebhookEvent): Promise<void> {
    const { input } = this;
    if (!input.webhook) return;
    if (input.webhook.events && !input.webhook.events.includes(type)) return;
    // Standard Webhooks ids must not contain '.'.
    const eventId = `msg_${workflowInfo().workflowId}_${type.replace(/\./g, '_')}_${this.currentRun()}`;
    const delivery = { jobId: input.jobId, tenantId: input.tenantId, url: input.webhook.url, type, eventId };
    if (patched(BACKGROUND_WEBHOOKS_PATCH)) {
      // A failing endpoint is retried for up to 24 h: awaiting it here would hold the job
      // that long. Deliveries run beside the job (shielded from its cancellation, so an
      // accepted event is still delivered) and are awaited only before the workflow closes.
      this.deliveries.push(
        CancellationScope.nonCancellable(() => notify.deliverWebhook(delivery)).then(
          () => undefined,
          () => undefined,
        ),
      );
      return;
    }
    // Histories recorded before the patch awaited each delivery inline; replay must do the same.
    try {
      await notify.deliverWebhook(delivery);
    } catch (err) {
      if (isCancellation(err)) throw err;
    }
  }

  /** Resolves once every delivery started so far has succeeded or given up. */
  async settled(): Promise<void> {
    await Promise.all(this.deliveries);
  }
}
