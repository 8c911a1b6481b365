/** Builds the activities' dependencies from configuration (the only place that does). */
import { type ActivityDeps } from '../../activities/index.ts';
import { type Config } from '../config.ts';
import { type Logger } from '../logger.ts';
import { createStorage } from '../storage/create-storage.ts';
import { loadTrainers } from '../training/load-trainers.ts';

export async function createActivityDeps(config: Config, _log: Logger): Promise<ActivityDeps> {
  return {
    storage: createStorage(config.storage),
    trainers: await loadTrainers(config),
    maxInputPixels: config.maxInputPixels,
    maxTrainingPixels: config.maxTrainingPixels,
    checkpointEveryMs: config.checkpointEveryMs,
    checkpointKeep: config.checkpointKeep,
    storageMaxRetries: config.storageMaxRetries,
    webhooks: {
      secrets: config.webhookSecrets,
      policy: { allowPrivate: config.webhookAllowPrivate, allowHttp: config.webhookAllowHttp },
      timeoutMs: 10_000,
    },
  };
}
