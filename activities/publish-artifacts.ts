/**
 * publishArtifacts: turns the final training state into the artifact files plus a
 * `manifest.json` with the sha256 of each, then retires what training needed (its
 * checkpoints and its claim on the image and pixel blobs). Artifacts are immutable and
 * deterministic, so a retry writes the same bytes (a no-op); the manifest is written
 * last, so once it exists the publish is complete and a retry only finishes the retiring.
 */
import { contentTypeOf } from '../src/storage/content-types.ts';
import { StorageNotFoundError, type JobRef, type Storage } from '../src/storage/types.ts';
import { type TrainerRegistry } from '../src/training/registry.ts';
import { resolveTrainer } from './resolve-trainer.ts';
import { FailureType, permanentFailure } from './errors.ts';
import { withStorage } from './storage-failure.ts';
import type { PublishArtifactsInput, PublishArtifactsResult, CleanupJobInput } from './types.ts';

export interface PublishDeps {
  storage: Storage;
  trainers: TrainerRegistry;
}

const MANIFEST = 'manifest.json';

export function createPublishActivities(deps: PublishDeps) {
  const { storage } = deps;

  async function publishedBefore(job: JobRef): Promise<PublishArtifactsResult | null> {
    const text = await storage.readArtifact(job, MANIFEST).catch((err: unknown) => {
      if (err instanceof StorageNotFoundError) return null;
      throw err;
    });
    if (!text) return null;
    const m = JSON.parse(text.toString('utf8')) as {
      files: { name: string }[];
      metrics: { iterations: number; finalLoss: number | null };
    };
    return {
      artifacts: [...m.files.map((f) => f.name), MANIFEST],
      iterations: m.metrics.iterations,
      finalLoss: m.metrics.finalLoss,
    };
  }

  /** The job will not train again: its checkpoints go, and its blobs to the next collection. */
  async function retireTrainingData(job: JobRef): Promise<void> {
    await storage.deleteCheckpoints(job);
    await storage.releaseBlobs(job);
  }

  /** Writes the artifacts and manifest of a trained job. */
  async function publishArtifacts(input: PublishArtifactsInput): Promise<PublishArtifactsResult> {
    const job = { tenantId: input.tenantId, jobId: input.jobId };
    const of = `of job ${input.tenantId}/${input.jobId}`;
    const { trainer, params } = resolveTrainer(deps.trainers, input.baseModel, input.params);
    const done = await withStorage(`reading the manifest ${of}`, () => publishedBefore(job));
    if (done) {
      await withStorage(`retiring the training data ${of}`, () => retireTrainingData(job));
      return done;
    }
    const latest = await withStorage(
      `reading the final training state ${of}`,
      () => storage.readLatestCheckpoint(job),
      FailureType.CheckpointMissing,
    );
    if (!latest)
      throw permanentFailure(FailureType.CheckpointMissing, `job ${input.jobId} has no final training state`);
    const pixels = await withStorage(`reading the training pixels ${of}`, () =>
      storage.getBlob(input.tenantId, input.pixels.ref.sha256),
    );
    const files = await trainer.artifacts({
      styleName: input.styleName,
      params,
      finalState: latest.data,
      pixels: { width: input.pixels.width, height: input.pixels.height, data: pixels },
    });
    const write = (name: string, data: Uint8Array) =>
      withStorage(`publishing ${name} ${of}`, () =>
        storage.writeArtifact(job, name, data, contentTypeOf(name)),
      );
    const written = [];
    for (const file of files) written.push(await write(file.name, file.data));
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
    await write(MANIFEST, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
    await withStorage(`retiring the training data ${of}`, () => retireTrainingData(job));
    return {
      artifacts: [...written.map((f) => f.name), MANIFEST],
      iterations: latest.record.iteration,
      finalLoss,
    };
  }

  /** Removes what a cancelled or failed job leaves behind. Idempotent. */
  async function cleanupJob(input: CleanupJobInput): Promise<void> {
    const job = { tenantId: input.tenantId, jobId: input.jobId };
    await withStorage(`cleaning up job ${input.tenantId}/${input.jobId}`, async () => {
      if (input.removeCheckpoints) await retireTrainingData(job);
      if (input.removeArtifacts) {
        for (const a of await storage.listArtifacts(job)) await storage.deleteArtifact(job, a.name);
      }
    });
  }

  return { publishArtifacts, cleanupJob };
}
