/**
 * All activities, built from injected dependencies (activities never read
 * process.env). Workflows type against `ReturnType<typeof createActivities>`.
 */
import { createDecodeActivities } from './decode-image.ts';
import { createPublishActivities } from './publish-artifacts.ts';
import { createTrainActivities } from './train-style.ts';
import { createWebhookActivities, type WebhookDeps } from './deliver-webhook.ts';
import { type Storage } from '../src/storage/types.ts';
import { type TrainerRegistry } from '../src/training/registry.ts';

export interface ActivityDeps {
  storage: Storage;
  trainers: TrainerRegistry;
  maxInputPixels: number;
  maxTrainingPixels: number;
  checkpointEveryMs: number;
  webhooks: WebhookDeps;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createDecodeActivities(deps),
    ...createTrainActivities(deps),
    ...createPublishActivities(deps),
    ...createWebhookActivities(deps.webhooks),
  };
}
