/**
 * The training stage of a job: schedules `trainStyle` on the training queue and
 * schedules it again after a pause (once resumed) or a priority change, each time in
 * a fresh cancellation scope; the activity resumes from the latest checkpoint in storage.
 */
import { CancellationScope, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { TrainStyleResult, TrainingPixelsRef } from '../activities/types.ts';
import { trainingActivityOptions, trainingQueueFor } from './activity-options.ts';
import { toJobRef } from './job-identity.ts';
import type { TrainingJobState } from './training-job-state.ts';
import type { WebhookNotifier } from './webhook-notifier.ts';

/**
 * Crash detection of the training activity when the input does not set it: the same
 * 2.5 s as the gateway's default (src/config.ts says why that is safe under load).
 */
const DEFAULT_HEARTBEAT_TIMEOUT_MS = 2_500;

export async function trainUntilDone(
  job: TrainingJobState,
  webhooks: WebhookNotifier,
  pixels: TrainingPixelsRef,
): Promise<TrainStyleResult> {
  const { input } = job;
  for (;;) {
    if (job.paused) {
      job.setPhase('paused');
      await webhooks.notify('training.paused');
      await condition(() => !job.paused);
      await webhooks.notify('training.resumed');
    }
    job.run += 1;
    job.setPhase('training');
    const scope = new CancellationScope();
    job.trainingScope = scope;
    try {
      // Options are built per run: a changed priority applies to the next scheduling.
      // The tenant is the fairness key, so one tenant's backlog cannot starve another.
      const training = proxyActivities<ReturnType<typeof createActivities>>({
        ...trainingActivityOptions(
          trainingQueueFor(workflowInfo().taskQueue),
          input.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS,
        ),
        priority: { priorityKey: job.priority, fairnessKey: input.tenantId },
      });
      const result = await scope.run(() =>
        training.trainStyle({
          ...toJobRef(input),
          run: job.run,
          baseModel: input.baseModel,
          params: input.params,
          pixels,
        }),
      );
      job.trainingFinished(result);
      return result;
    } catch (err) {
      // Our own scope cancelled (pause or re-prioritisation) while the workflow itself was not.
      // Judged by the scope, not by the error: when the training worker has died, the cancelled
      // activity ends with a heartbeat timeout, not a CancelledFailure (found by `npm run chaos`).
      const ownCancel = scope.consideredCancelled && !CancellationScope.current().consideredCancelled;
      // Pause or re-prioritisation: loop again. A resume may already have arrived while
      // pausing; then the loop simply schedules training again from the checkpoint.
      if (!ownCancel) throw err;
    } finally {
      job.trainingScope = undefined;
    }
  }
}
