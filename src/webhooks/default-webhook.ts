/**
 * The deployment-wide webhook endpoint (`ATELIER_WEBHOOK_DEFAULT_URL`): the gateway puts
 * it into the input of every job submitted without a webhook of its own, so the workflow
 * treats both alike. Checked against the address policy at start-up: a refused default
 * would otherwise fail silently on each delivery.
 */
import { ConfigError, type Config } from '../config.ts';
import { type WebhookTarget } from '../../workflows/messages.ts';
import { refusalOf } from './address-policy.ts';

export async function defaultWebhookOf(config: Config): Promise<WebhookTarget | undefined> {
  if (!config.webhookDefaultUrl) return undefined;
  const refusal = await refusalOf(config.webhookDefaultUrl, {
    allowPrivate: config.webhookAllowPrivate,
    allowHttp: config.webhookAllowHttp,
  });
  if (refusal) throw new ConfigError(`ATELIER_WEBHOOK_DEFAULT_URL is refused: ${refusal}`);
  return { url: config.webhookDefaultUrl };
}
