/**
 * All activities, built from injected dependencies (activities never read
 * process.env). Workflows type against `ReturnType<typeof createActivities>`.
 */
import { createDecodeActivities } from './decode-image.ts';
import { createPublishActivities } from './publish-artifacts.ts';
import { createTrainActivities } from './train-style.ts';
import { createWebhookActivities, type WebhookDeps } from './deliver-webhook.ts';
import { createJobStatusActivities } from './read-job-status.ts';
import { createAdmissionActivities } from './refresh-admissions.ts';
import { keepAliveAll } from './keep-alive.ts';
import { reportRetriesOf } from './retry-report.ts';
import { type Storage } from '../src/storage/types.ts';
import { type TrainerRegistry } from '../src/training/registry.ts';

export interface ActivityDeps {
  storage: Storage;
  trainers: TrainerRegistry;
  maxInputPixels: number;
  maxTrainingPixels: number;
  checkpointEveryMs: number;
  /** Checkpoints kept per job while it trains (CHECKPOINT_KEEP). */
  checkpointKeep: number;
  /** Storage failures in a row before a training job fails (ATELIER_STORAGE_MAX_RETRIES). */
  storageMaxRetries: number;
  webhooks: WebhookDeps;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...keepAliveAll({
      ...reportRetriesOf({ ...createDecodeActivities(deps), ...createPublishActivities(deps) }),
      ...createJobStatusActivities(),
      ...createAdmissionActivities(),
    }),
    // trainStyle heartbeats its own progress; webhooks are bounded by their HTTP timeout.
    ...reportRetriesOf(createTrainActivities(deps)),
    ...createWebhookActivities(deps.webhooks),
  };
}
