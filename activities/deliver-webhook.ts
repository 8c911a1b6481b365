/**
 * deliverWebhook: one signed POST per attempt with a thin payload (receivers fetch
 * the job for details). Retries come from the activity retry policy (exponential
 * backoff for up to 24 h); a redirect or a refused address is permanent, since
 * following redirects would bypass the address policy.
 */
import { ApplicationFailure } from '@temporalio/common';
import { refusalOf, type UrlPolicy } from '../src/webhooks/address-policy.ts';
import { webhookHeaders } from '../src/webhooks/sign.ts';
import type { DeliverWebhookInput } from './types.ts';

export interface WebhookDeps {
  secrets: string[];
  policy: UrlPolicy;
  timeoutMs: number;
}

export function createWebhookActivities(deps: WebhookDeps) {
  /** Delivers one job event to the job's webhook URL. */
  async function deliverWebhook(input: DeliverWebhookInput): Promise<{ status: number }> {
    const refusal = await refusalOf(input.url, deps.policy);
    if (refusal) throw ApplicationFailure.nonRetryable(refusal, 'WebhookRefused');
    if (deps.secrets.length === 0)
      throw ApplicationFailure.nonRetryable('no webhook secret configured', 'WebhookRefused');
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      type: input.type,
      timestamp: new Date(timestamp * 1000).toISOString(),
      data: { id: input.jobId, object: 'training' },
    });
    const res = await fetch(input.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Atelier-Webhooks/1',
        ...webhookHeaders(deps.secrets, input.eventId, timestamp, body),
      },
      body,
    });
    await res.body?.cancel();
    if (res.status >= 300 && res.status < 400) {
      throw ApplicationFailure.nonRetryable(
        `endpoint answered ${res.status} (redirects are not followed)`,
        'WebhookRefused',
      );
    }
    if (!res.ok) throw ApplicationFailure.retryable(`endpoint answered ${res.status}`, 'WebhookFailed');
    return { status: res.status };
  }
  return { deliverWebhook };
}
