/**
 * styleTrainingWorkflow: decode → train → publish for one job, with pause/resume,
 * priority changes and cancellation at any moment. Checkpoints live in storage, so
 * a re-scheduled training activity (after pause, re-prioritisation or a crash)
 * continues from the latest one. State and message handlers: training-job-state.ts.
 */
import {
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  allHandlersFinished,
  condition,
  isCancellation,
  patched,
  proxyActivities,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { TrainingPixelsRef } from '../activities/types.ts';
import { lightActivityOptions } from './activity-options.ts';
import { StyleTrainingInputSchema } from './contract-schemas.ts';
import { FailureType, jobErrorOf } from './failures.ts';
import { checkInput, displayableInput } from './input-check.ts';
import { owningPackWorkflowId, trainingWorkflowId } from './job-identity.ts';
import { adoptJobVisibility } from './job-memo.ts';
import type { StyleTrainingInput, StyleTrainingResult } from './messages.ts';
import { trainUntilDone } from './train-until-done.ts';
import { TrainingJobState } from './training-job-state.ts';
import { WebhookNotifier } from './webhook-notifier.ts';

const light = proxyActivities<ReturnType<typeof createActivities>>(lightActivityOptions);

/**
 * Histories recorded before the input check, the own memo and the opt-in parent
 * notification (test/fixtures/histories/v1-*) replay without them.
 */
const CHECKED_CONTRACT_PATCH = 'checked-contract';

/** Trains one style; see DESIGN.md §2. Ends Cancelled on cancellation, Failed with a typed error otherwise. */
export async function styleTrainingWorkflow(input: StyleTrainingInput): Promise<StyleTrainingResult> {
  const checkedContract = patched(CHECKED_CONTRACT_PATCH);
  const checked = checkedContract
    ? checkInput('styleTrainingWorkflow', StyleTrainingInputSchema, input, (i) => ({
        workflowId: trainingWorkflowId(i),
        parentWorkflowId: owningPackWorkflowId(i),
      }))
    : ({ ok: true, input } as const);
  // Before any histories had the patch, every job with a parent pushed its state to it.
  const notifyParent = !checkedContract || (checked.ok && checked.input.notifyParent === true);
  const job = new TrainingJobState(checked.ok ? checked.input : displayableInput(input), notifyParent);
  job.registerHandlers(); // before the first await: an update with no handler is rejected
  if (!checked.ok) return failInvalid(job, checked.failure);
  if (checkedContract) adoptJobVisibility(checked.input);
  const webhooks = new WebhookNotifier(input, () => job.run);
  try {
    const result = await runPipeline(job, webhooks);
    job.finishedAt = new Date().toISOString();
    job.setPhase('succeeded');
    await webhooks.notify('training.succeeded');
    await webhooks.settled();
    await condition(allHandlersFinished);
    return result;
  } catch (err) {
    // A cancelled workflow ends Cancelled even when the activity it cancelled did not end with a
    // CancelledFailure: if its worker had died, it ends with a heartbeat timeout, which used to
    // fail the job (found by `npm run chaos`: a cancel right after a training worker was SIGKILLed).
    if (isCancellation(err) || CancellationScope.current().consideredCancelled) {
      await endCancelled(job, webhooks);
      // Only a CancelledFailure makes the SDK close the execution as Cancelled.
      throw isCancellation(err)
        ? err
        : new CancelledFailure(
            'cancelled while its activity was lost',
            [],
            err instanceof Error ? err : undefined,
          );
    }
    job.error = jobErrorOf(err);
    await endFailed(job, webhooks);
    throw ApplicationFailure.create({
      type: job.error.code,
      message: job.error.message,
      nonRetryable: true,
      cause: err instanceof Error ? err : undefined,
    });
  }
}

async function runPipeline(job: TrainingJobState, webhooks: WebhookNotifier): Promise<StyleTrainingResult> {
  const { input } = job;
  job.setPhase('decoding');
  const decoded = await light.decodeImage({ jobId: input.jobId, image: input.image });
  const pixels: TrainingPixelsRef = {
    ref: decoded.pixelsRef,
    width: decoded.pixelsWidth,
    height: decoded.pixelsHeight,
  };
  await webhooks.notify('training.started');
  const trained = await trainUntilDone(job, webhooks, pixels);
  job.trainingMs += trained.durationMs;
  job.setPhase('publishing');
  const published = await light.publishArtifacts({
    jobId: input.jobId,
    styleName: input.styleName,
    baseModel: input.baseModel,
    params: input.params,
    pixels,
    trainingMs: job.trainingMs,
  });
  job.artifacts = published.artifacts;
  return published;
}

/** Cleanup must run even though the workflow is cancelled: shielded from the cancellation. */
function endCancelled(job: TrainingJobState, webhooks: WebhookNotifier): Promise<void> {
  return CancellationScope.nonCancellable(async () => {
    job.setPhase('cancelling');
    await light.cleanupJob({ jobId: job.input.jobId, removeArtifacts: true, removeCheckpoints: true });
    job.finishedAt = new Date().toISOString();
    job.setPhase('cancelled');
    await webhooks.notify('training.cancelled');
    await webhooks.settled();
  });
}

/** Bad input: failed in the first workflow task, before any activity runs. */
function failInvalid(job: TrainingJobState, failure: ApplicationFailure): never {
  job.error = { code: failure.type ?? FailureType.InvalidInput, message: failure.message };
  job.finishedAt = new Date().toISOString();
  job.setPhase('failed');
  throw failure;
}

/** Checkpoints are kept: an operator may reset the workflow and continue from them. */
function endFailed(job: TrainingJobState, webhooks: WebhookNotifier): Promise<void> {
  return CancellationScope.nonCancellable(async () => {
    await light.cleanupJob({ jobId: job.input.jobId, removeArtifacts: true, removeCheckpoints: false });
    job.finishedAt = new Date().toISOString();
    job.setPhase('failed');
    await webhooks.notify('training.failed');
    await webhooks.settled();
  });
}
