/**
 * publishArtifacts: turns the final training state into the artifact files plus a
 * `manifest.json` with the sha256 of each. Deterministic and idempotent — a retry
 * rewrites the same bytes — and every file is written atomically by storage.
 */
import { type Storage } from '../src/storage/types.ts';
import { type TrainerRegistry } from '../src/training/registry.ts';
import { resolveTrainer } from './resolve-trainer.ts';
import { FailureType, permanentFailure } from './errors.ts';
import type { PublishArtifactsInput, PublishArtifactsResult, CleanupJobInput } from './types.ts';

export interface PublishDeps {
  storage: Storage;
  trainers: TrainerRegistry;
}

export function createPublishActivities(deps: PublishDeps) {
  /** Writes the artifacts and manifest of a trained job. */
  async function publishArtifacts(input: PublishArtifactsInput): Promise<PublishArtifactsResult> {
    const { trainer, params } = resolveTrainer(deps.trainers, input.baseModel, input.params);
    const latest = await deps.storage.readLatestCheckpoint(input.jobId);
    if (!latest)
      throw permanentFailure(FailureType.BlobMissing, `job ${input.jobId} has no final training state`);
    const pixels = await deps.storage.getBlob(input.pixels.ref.sha256);
    const files = await trainer.artifacts({
      styleName: input.styleName,
      params,
      finalState: latest.data,
      pixels: { width: input.pixels.width, height: input.pixels.height, data: pixels },
    });
    const written = [];
    for (const file of files)
      written.push(await deps.storage.writeArtifact(input.jobId, file.name, file.data));
    const losses = trainer.lossCurve(latest.data);
    const finalLoss = losses.length ? losses[losses.length - 1] : null;
    // No timestamps in the manifest: a retry must produce byte-identical files.
    const manifest = {
      jobId: input.jobId,
      styleName: input.styleName,
      trainer: { name: trainer.name, version: trainer.version },
      params,
      metrics: {
        iterations: latest.record.iteration,
        finalLoss,
        durationMs: input.trainingMs,
        lossCurve: losses,
      },
      files: written.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
    };
    await deps.storage.writeArtifact(
      input.jobId,
      'manifest.json',
      Buffer.from(JSON.stringify(manifest, null, 2) + '\n'),
    );
    return {
      artifacts: [...written.map((f) => f.name), 'manifest.json'],
      iterations: latest.record.iteration,
      finalLoss,
    };
  }

  /** Removes what a cancelled or failed job leaves behind. Idempotent. */
  async function cleanupJob(input: CleanupJobInput): Promise<void> {
    if (input.removeCheckpoints) await deps.storage.deleteCheckpoints(input.jobId);
    if (input.removeArtifacts) {
      for (const a of await deps.storage.listArtifacts(input.jobId)) {
        await deps.storage.deleteArtifact(input.jobId, a.name);
      }
    }
  }

  return { publishArtifacts, cleanupJob };
}
