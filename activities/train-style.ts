/**
 * trainStyle: runs the trainer named by `baseModel` off this event loop, heartbeats
 * `{ iteration, total, loss, checkpointKey }` at least once a second, writes
 * checkpoints to storage and resumes from the job's latest one on every attempt —
 * after a crash, a pause or a re-prioritisation alike. Cancellation arrives through
 * the heartbeat and aborts the trainer; the CancelledFailure is always rethrown.
 */
import {
  activityInfo,
  cancellationSignal,
  getClient,
  heartbeat,
  log,
  metricMeter,
} from '@temporalio/activity';
import { type Storage } from '../src/storage/types.ts';
import { type TrainerRegistry } from '../src/training/registry.ts';
import { TrainerBadInputError, type TrainerProgress } from '../src/training/trainer.ts';
import { FailureType, permanentFailure } from './errors.ts';
import { trainingReportSignal, type TrainingReportInput } from '../workflows/messages.ts';
import { resolveTrainer } from './resolve-trainer.ts';
import type { TrainStyleInput, TrainStyleResult } from './types.ts';

export interface TrainDeps {
  storage: Storage;
  trainers: TrainerRegistry;
  checkpointEveryMs: number;
}

export interface TrainingHeartbeat {
  iteration: number;
  total: number;
  loss: number | null;
  checkpointKey: string | null;
}

export function createTrainActivities(deps: TrainDeps) {
  /** Trains one style; see the module comment. */
  async function trainStyle(input: TrainStyleInput): Promise<TrainStyleResult> {
    const started = Date.now();
    const { trainer, params } = resolveTrainer(deps.trainers, input.baseModel, input.params);
    const total = trainer.totalIterations(params);
    const info = activityInfo();
    const latest = await deps.storage.readLatestCheckpoint(input.jobId);
    const pixels = await deps.storage.getBlob(input.pixels.ref.sha256);
    const resumedFrom = latest?.record.iteration ?? 0;
    let beat: TrainingHeartbeat = {
      iteration: resumedFrom,
      total,
      loss: latest?.record.loss ?? null,
      checkpointKey: latest?.record.key ?? null,
    };
    log.info('training attempt starting', {
      jobId: input.jobId,
      attempt: info.attempt,
      run: input.run,
      resumedFrom,
    });

    // Reports go to the workflow that scheduled this activity, whatever its id.
    const execution = info.workflowExecution;
    const report = async (r: Omit<TrainingReportInput, 'run' | 'attempt'>) => {
      if (!execution) return;
      await getClient()
        .workflow.getHandle(execution.workflowId, execution.runId)
        .signal(trainingReportSignal, { run: input.run, attempt: info.attempt, ...r })
        .catch((err: unknown) => log.warn('training report not delivered', { error: String(err) }));
    };

    // Exported on the worker's Prometheus endpoint; rate() of it is iterations/s per trainer.
    const iterationsDone = metricMeter
      .createCounter('atelier_trainer_iterations', 'iterations', 'Training iterations completed')
      .withTags({ trainer: trainer.name });
    heartbeat(beat);
    void report({
      iteration: beat.iteration,
      total,
      loss: beat.loss,
      checkpointKey: beat.checkpointKey ?? undefined,
    });
    // Heartbeats keep flowing even when one iteration is slow: they carry the
    // cancellation back to us and prove to the server that this worker is alive.
    const ticker = setInterval(() => heartbeat(beat), 500);
    try {
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
          const record = await deps.storage.writeCheckpoint(input.jobId, c.iteration, c.loss ?? null, c.data);
          beat = { iteration: c.iteration, total: c.total, loss: c.loss, checkpointKey: record.key };
          heartbeat(beat);
          void report({ iteration: c.iteration, total: c.total, loss: c.loss, checkpointKey: record.key });
        },
        onLog: (line) => log.info(line.message, { jobId: input.jobId, trainerLevel: line.level }),
      });
      const final = await deps.storage.writeCheckpoint(
        input.jobId,
        outcome.iterations,
        outcome.finalLoss ?? null,
        outcome.finalState,
      );
      return {
        iterations: outcome.iterations,
        total: outcome.total,
        finalLoss: outcome.finalLoss,
        checkpointKey: final.key,
        resumedFrom,
        durationMs: Date.now() - started,
      };
    } catch (err) {
      // A trainer that says the input can never work (command exit 65) must not burn retries.
      if (err instanceof TrainerBadInputError)
        throw permanentFailure(FailureType.TrainerBadInput, err.message);
      throw err;
    } finally {
      clearInterval(ticker);
    }
  }

  return { trainStyle };
}
