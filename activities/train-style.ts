/**
 * trainStyle: runs the trainer named by `baseModel` off this event loop, heartbeats
 * `{ iteration, total, loss, checkpointKey, storageFailures }` at least once a second,
 * writes checkpoints to storage and resumes from the job's latest one on every attempt —
 * after a crash, a pause or a re-prioritisation alike. Each attempt first claims the job's
 * checkpoints, so an older attempt that is still running somewhere (a worker cut off from
 * Temporal) can no longer write. Cancellation arrives through the heartbeat and aborts the
 * trainer; the CancelledFailure is always rethrown.
 */
import { activityInfo, cancellationSignal, heartbeat, log, metricMeter } from '@temporalio/activity';
import { type Storage } from '../src/storage/types.ts';
import { type TrainerRegistry } from '../src/training/registry.ts';
import { TrainerBadInputError, type TrainerProgress } from '../src/training/trainer.ts';
import { FailureType, permanentFailure } from './errors.ts';
import { resolveTrainer } from './resolve-trainer.ts';
import { capStorageFailure, storageFailuresSoFar } from './storage-retry-cap.ts';
import { withStorage } from './storage-failure.ts';
import { annotateActiveSpan } from '../src/telemetry/trace-context.ts';
import { trainingReporter } from './training-report.ts';
import type { TrainStyleInput, TrainStyleResult } from './types.ts';

export interface TrainDeps {
  storage: Storage;
  trainers: TrainerRegistry;
  checkpointEveryMs: number;
  /** Checkpoints kept while a job trains (the latest and the ones before it). */
  checkpointKeep: number;
  /** Storage failures in a row after which the job fails instead of retrying. */
  storageMaxRetries: number;
}

export interface TrainingHeartbeat {
  iteration: number;
  total: number;
  loss: number | null;
  checkpointKey: string | null;
  /** Storage failures in a row so far (storage-retry-cap.ts). */
  storageFailures: number;
}

export function createTrainActivities(deps: TrainDeps) {
  /** Trains one style; see the module comment. */
  async function trainStyle(input: TrainStyleInput): Promise<TrainStyleResult> {
    const started = Date.now();
    const { trainer, params } = resolveTrainer(deps.trainers, input.baseModel, input.params);
    const total = trainer.totalIterations(params);
    const info = activityInfo();
    const job = { tenantId: input.tenantId, jobId: input.jobId };
    // A new workflow execution (reset) starts a new line of checkpoint writers.
    const workflowRunId = info.workflowExecution?.runId ?? info.activityId;
    const writer = { workflowRunId, run: input.run, attempt: info.attempt };
    const of = `of job ${input.tenantId}/${input.jobId}`;
    let beat: TrainingHeartbeat = {
      iteration: 0,
      total,
      loss: null,
      checkpointKey: null,
      storageFailures: storageFailuresSoFar(info.heartbeatDetails),
    };
    const report = trainingReporter(input, info);
    // Exported on the worker's Prometheus endpoint; rate() of it is iterations/s per trainer.
    const iterationsDone = metricMeter
      .createCounter('atelier_trainer_iterations', 'iterations', 'Training iterations completed')
      .withTags({ trainer: trainer.name });
    let ticker: NodeJS.Timeout | undefined;
    try {
      const claim = await withStorage(`claiming the checkpoints ${of}`, () =>
        deps.storage.claimCheckpoints(job, writer),
      );
      const latest = claim.checkpoint;
      const pixels = await withStorage(`reading the training pixels ${of}`, () =>
        deps.storage.getBlob(input.tenantId, input.pixels.ref.sha256),
      );
      const resumedFrom = latest?.record.iteration ?? 0;
      beat = {
        ...beat,
        iteration: resumedFrom,
        loss: latest?.record.loss ?? null,
        checkpointKey: latest?.record.key ?? null,
      };
      log.info('training attempt starting', {
        jobId: input.jobId,
        attempt: info.attempt,
        run: input.run,
        resumedFrom,
      });
      // In the job's trace: which attempt this is and where it took over.
      annotateActiveSpan({
        'atelier.job_id': input.jobId,
        'atelier.attempt': info.attempt,
        'atelier.run': input.run,
        'atelier.resumed_from_iteration': resumedFrom,
      });
      if (claim.skipped.length) {
        log.warn('latest checkpoint unusable, fell back', {
          jobId: input.jobId,
          resumedFrom,
          skipped: claim.skipped,
        });
      }
      heartbeat(beat);
      report.send(beat, claim.skipped.length ? { resumedFrom, skipped: claim.skipped } : undefined);
      // Heartbeats keep flowing even when one iteration is slow: they carry the
      // cancellation back to us and prove to the server that this worker is alive.
      ticker = setInterval(() => heartbeat(beat), 500);
      let lastWritten: { iteration: number; data: Uint8Array; key: string } | undefined;
      const write = async (iteration: number, loss: number | null, data: Uint8Array) => {
        const record = await withStorage(`writing checkpoint ${iteration} ${of}`, () =>
          deps.storage.writeCheckpoint(job, writer, { iteration, loss, data }),
        );
        lastWritten = { iteration, data, key: record.key };
        beat = { ...beat, iteration, loss, checkpointKey: record.key, storageFailures: 0 };
        heartbeat(beat);
        // Housekeeping: a failure here costs disk, not the job.
        await deps.storage
          .pruneCheckpoints(job, deps.checkpointKeep)
          .catch((err: unknown) =>
            log.warn('checkpoint pruning failed', { jobId: input.jobId, error: String(err) }),
          );
        return record;
      };
      const outcome = await trainer.train({
        jobId: input.jobId,
        params,
        pixels: { width: input.pixels.width, height: input.pixels.height, data: pixels },
        resume: latest ? { iteration: latest.record.iteration, data: latest.data } : null,
        checkpointEveryMs: deps.checkpointEveryMs,
        signal: cancellationSignal(),
        onProgress: (p: TrainerProgress) => {
          if (p.iteration > beat.iteration) iterationsDone.add(p.iteration - beat.iteration);
          beat = { ...beat, ...p };
          heartbeat(beat);
        },
        onCheckpoint: async (c) => {
          await write(c.iteration, c.loss ?? null, c.data);
          // The last checkpoint is not reported: the activity's result follows at once with
          // the same facts (the workflow and the event log take them from it), which saves a
          // signal and a workflow task on every attempt that finishes.
          if (c.iteration < c.total) report.checkpoint({ ...beat, total: c.total });
        },
        onLog: (line) => log.info(line.message, { jobId: input.jobId, trainerLevel: line.level }),
      });
      // A trainer's last checkpoint usually is its final state already (the colour-LUT
      // trainer always ends with one): then it is not written a second time.
      const finalKey = sameState(lastWritten, outcome.iterations, outcome.finalState)
        ? lastWritten.key
        : (await write(outcome.iterations, outcome.finalLoss ?? null, outcome.finalState)).key;
      return {
        iterations: outcome.iterations,
        total: outcome.total,
        finalLoss: outcome.finalLoss,
        checkpointKey: finalKey,
        resumedFrom,
        durationMs: Date.now() - started,
      };
    } catch (err) {
      // A trainer that says the input can never work (command exit 65) must not burn retries.
      if (err instanceof TrainerBadInputError)
        throw permanentFailure(FailureType.TrainerBadInput, err.message);
      throw capStorageFailure(err, beat.storageFailures, deps.storageMaxRetries, (count) => {
        // In the worker's log too: a fenced-off attempt may have no server to report to.
        log.warn('training attempt stopped by storage', {
          jobId: input.jobId,
          storageFailures: count,
          error: (err as Error).message,
        });
        heartbeat({ ...beat, storageFailures: count });
      });
    } finally {
      clearInterval(ticker);
    }
  }

  return { trainStyle };
}

/** Whether the checkpoint written last holds exactly `state` at `iteration`. */
function sameState(
  written: { iteration: number; data: Uint8Array; key: string } | undefined,
  iteration: number,
  state: Uint8Array,
): written is { iteration: number; data: Uint8Array; key: string } {
  if (written === undefined || written.iteration !== iteration) return false;
  const { buffer, byteOffset, byteLength } = written.data; // a view, not a copy (65³ states are 6.6 MB)
  return Buffer.from(buffer, byteOffset, byteLength).equals(state);
}
