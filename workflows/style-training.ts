/**
 * styleTrainingWorkflow: decode → train → publish for one job, with pause/resume,
 * priority changes and cancellation at any moment. Checkpoints live in storage, so
 * a re-scheduled training activity (after pause, re-prioritisation or a crash)
 * continues from the latest one.
 */
import {
  CancellationScope,
  ApplicationFailure,
  condition,
  isCancellation,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
  ActivityFailure,
  CancelledFailure,
  allHandlersFinished,
  getExternalWorkflowHandle,
  patched,
} from '@temporalio/workflow';
import { childUpdateSignal } from './pack-messages.ts';
import type { createActivities } from '../activities/index.ts';
import type { PublishArtifactsResult, TrainStyleResult, TrainingPixelsRef } from '../activities/types.ts';
import {
  lightActivityOptions,
  trainingActivityOptions,
  trainingQueueFor,
  webhookActivityOptions,
} from './activity-options.ts';
import {
  isTerminalPhase,
  progressOf,
  statusOfPhase,
  type JobError,
  type JobPhase,
  type JobView,
} from './job-view.ts';
import {
  MAX_PRIORITY,
  MIN_PRIORITY,
  pauseSignal,
  resumeSignal,
  setPriorityUpdate,
  statusQuery,
  trainingReportSignal,
  type StyleTrainingInput,
  type StyleTrainingResult,
  type TrainingReportInput,
} from './messages.ts';
import { TrainingPhaseKey } from './search-attributes.ts';

type Activities = ReturnType<typeof createActivities>;
/** Webhooks delivered beside the job instead of inline (see notifyEvent); a patch keeps older histories replaying. */
const BACKGROUND_WEBHOOKS_PATCH = 'webhooks-in-background';
const light = proxyActivities<Activities>(lightActivityOptions);
const notify = proxyActivities<Activities>(webhookActivityOptions);

/** Trains one style; see DESIGN.md §2. Ends Cancelled on cancellation, Failed with a typed error otherwise. */
export async function styleTrainingWorkflow(input: StyleTrainingInput): Promise<StyleTrainingResult> {
  const state = {
    phase: 'queued' as JobPhase,
    priority: input.priority,
    paused: false,
    run: 0,
    report: undefined as TrainingReportInput | undefined,
    trainingStartedAt: null as string | null,
    finishedAt: null as string | null,
    error: null as JobError | null,
    artifacts: [] as string[],
    /** Duration of the training run that completed (for the manifest). */
    trainingMs: 0,
  };
  /** What the activities need to find the job's data: every storage key is under its tenant. */
  const job = { jobId: input.jobId, tenantId: input.tenantId };
  let trainingScope: CancellationScope | undefined;
  /** Webhook deliveries in flight; the workflow closes only after they settle (at-least-once). */
  const deliveries: Promise<void>[] = [];

  // Handlers first, before any await: an update with no handler is rejected.
  setHandler(pauseSignal, () => {
    if (isTerminalPhase(state.phase) || state.phase === 'cancelling') return;
    state.paused = true;
    if (trainingScope) {
      setPhase('pausing');
      trainingScope.cancel();
    }
  });
  setHandler(resumeSignal, () => {
    state.paused = false;
  });
  setHandler(trainingReportSignal, (report) => {
    if (report.run !== state.run) return; // a late report from a cancelled run
    state.report = report;
    pushToParent();
    if (!state.trainingStartedAt) {
      state.trainingStartedAt = new Date().toISOString();
      upsertMemo({ startedAt: state.trainingStartedAt });
    }
  });
  setHandler(statusQuery, () => view());
  setHandler(
    setPriorityUpdate,
    ({ priority }) => {
      state.priority = priority;
      upsertMemo({ priority }); // the API reads the priority from the memo when no worker runs
      // A training task still waiting in the queue keeps its old priority unless re-queued.
      const waiting = state.phase === 'training' && state.report?.run !== state.run;
      if (waiting && trainingScope) {
        trainingScope.cancel();
      }
      return { priority, requeued: waiting };
    },
    {
      validator: ({ priority }) => {
        if (!Number.isInteger(priority) || priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
          throw new Error(`priority must be an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY}`);
        }
        if (isTerminalPhase(state.phase)) throw new Error(`the job has already ${state.phase}`);
      },
    },
  );

  function view(): JobView {
    const r = state.report;
    const started = r !== undefined && r.run === state.run;
    return {
      id: input.jobId,
      tenantId: input.tenantId,
      styleName: input.styleName,
      baseModel: input.baseModel,
      status: statusOfPhase(state.phase, started),
      phase: state.phase,
      priority: state.priority,
      progress: r ? progressOf(r.iteration, r.total, r.loss) : null,
      attempt: r?.attempt ?? 0,
      trainingRuns: state.run,
      createdAt: input.createdAt,
      startedAt: state.trainingStartedAt,
      finishedAt: state.finishedAt,
      error: state.error,
      artifacts: state.artifacts,
      params: input.params,
      metadata: input.metadata ?? {},
    };
  }

  function setPhase(phase: JobPhase): void {
    state.phase = phase;
    upsertSearchAttributes([{ key: TrainingPhaseKey, value: phase }]);
    setCurrentDetails(`Phase: **${phase}**`);
    pushToParent();
  }

  /** A pack (parent workflow) cannot query us, so we push our state to it. */
  function pushToParent(): void {
    const parent = workflowInfo().parent;
    if (!parent) return;
    const v = view();
    void getExternalWorkflowHandle(parent.workflowId, parent.runId)
      .signal(childUpdateSignal, {
        jobId: input.jobId,
        phase: v.phase,
        status: v.status,
        progress: v.progress,
      })
      .catch(() => undefined); // the parent may have closed; our own outcome doesn't depend on it
  }

  async function notifyEvent(type: string): Promise<void> {
    if (!input.webhook) return;
    if (input.webhook.events && !input.webhook.events.includes(type)) return;
    // Standard Webhooks ids must not contain '.'; the id is fixed here, so every retry carries the same one.
    const eventId = `msg_${workflowInfo().workflowId}_${type.replace(/\./g, '_')}_${state.run}`;
    const delivery = { jobId: input.jobId, tenantId: input.tenantId, url: input.webhook.url, type, eventId };
    if (patched(BACKGROUND_WEBHOOKS_PATCH)) {
      // A failing endpoint is retried for up to 24 h: awaiting it here would hold the job
      // that long. Deliveries run beside the job (shielded from its cancellation, so an
      // accepted event is still delivered) and are awaited only before the workflow closes.
      deliveries.push(
        CancellationScope.nonCancellable(() => notify.deliverWebhook(delivery)).then(
          () => undefined,
          () => undefined,
        ),
      );
      return;
    }
    // Histories recorded before the patch awaited each delivery inline; replay must do the same.
    try {
      await notify.deliverWebhook(delivery);
    } catch (err) {
      if (isCancellation(err)) throw err;
    }
  }

  async function trainUntilDone(pixels: TrainingPixelsRef): Promise<TrainStyleResult> {
    for (;;) {
      if (state.paused) {
        setPhase('paused');
        await notifyEvent('training.paused');
        await condition(() => !state.paused);
        await notifyEvent('training.resumed');
      }
      state.run += 1;
      setPhase('training');
      const scope = new CancellationScope();
      trainingScope = scope;
      try {
        // Options are built per run: a changed priority applies to the next scheduling.
        // The tenant is the fairness key, so one tenant's backlog cannot starve another.
        const training = proxyActivities<Activities>({
          ...trainingActivityOptions(
            trainingQueueFor(workflowInfo().taskQueue),
            input.heartbeatTimeoutMs ?? 10_000,
          ),
          priority: { priorityKey: state.priority, fairnessKey: input.tenantId },
        });
        return await scope.run(() =>
          training.trainStyle({
            ...job,
            run: state.run,
            baseModel: input.baseModel,
            params: input.params,
            pixels,
          }),
        );
      } catch (err) {
        // Our own scope cancelled (pause or re-prioritisation) while the workflow itself was not.
        // Judged by the scope, not by the error: when the training worker has died, the cancelled
        // activity ends with a heartbeat timeout, not a CancelledFailure (found by `npm run chaos`).
        const ownCancel = scope.consideredCancelled && !CancellationScope.current().consideredCancelled;
        // Pause or re-prioritisation: loop again. A resume may already have arrived while
        // pausing; then the loop simply schedules training again from the checkpoint.
        if (!ownCancel) throw err;
      } finally {
        trainingScope = undefined;
      }
    }
  }

  async function runPipeline(): Promise<StyleTrainingResult> {
    setPhase('decoding');
    const decoded = await light.decodeImage({ ...job, image: input.image });
    const pixels: TrainingPixelsRef = {
      ref: decoded.pixelsRef,
      width: decoded.pixelsWidth,
      height: decoded.pixelsHeight,
    };
    await notifyEvent('training.started');
    const trained = await trainUntilDone(pixels);
    state.trainingMs += trained.durationMs;
    setPhase('publishing');
    const published: PublishArtifactsResult = await light.publishArtifacts({
      ...job,
      styleName: input.styleName,
      baseModel: input.baseModel,
      params: input.params,
      pixels,
      trainingMs: state.trainingMs,
    });
    state.artifacts = published.artifacts;
    return published;
  }

  try {
    const result = await runPipeline();
    state.finishedAt = new Date().toISOString();
    setPhase('succeeded');
    await notifyEvent('training.succeeded');
    await Promise.all(deliveries);
    await condition(allHandlersFinished);
    return result;
  } catch (err) {
    // A cancelled workflow ends Cancelled even when the activity it cancelled did not end with a
    // CancelledFailure: if its worker had died, it ends with a heartbeat timeout, which used to
    // fail the job (found by `npm run chaos`: a cancel right after a training worker was SIGKILLed).
    const cancelled = isCancellation(err) || CancellationScope.current().consideredCancelled;
    if (cancelled) {
      // Cleanup must run even though the workflow is cancelled: shield it.
      await CancellationScope.nonCancellable(async () => {
        setPhase('cancelling');
        await light.cleanupJob({ ...job, removeArtifacts: true, removeCheckpoints: true });
        state.finishedAt = new Date().toISOString();
        setPhase('cancelled');
        await notifyEvent('training.cancelled');
        await Promise.all(deliveries);
      });
      // Only a CancelledFailure makes the SDK close the execution as Cancelled.
      throw isCancellation(err)
        ? err
        : new CancelledFailure(
            'cancelled while its activity was lost',
            [],
            err instanceof Error ? err : undefined,
          );
    }
    state.error = errorOf(err);
    await CancellationScope.nonCancellable(async () => {
      // Checkpoints are kept: an operator may reset the workflow and continue from them.
      await light.cleanupJob({ ...job, removeArtifacts: true, removeCheckpoints: false });
      state.finishedAt = new Date().toISOString();
      setPhase('failed');
      await notifyEvent('training.failed');
      await Promise.all(deliveries);
    });
    throw ApplicationFailure.create({
      type: state.error.code,
      message: state.error.message,
      nonRetryable: true,
      cause: err instanceof Error ? err : undefined,
    });
  }
}

/** The innermost typed failure becomes the job's error code. */
function errorOf(err: unknown): JobError {
  let cause: unknown = err;
  while (cause instanceof ActivityFailure && cause.cause) cause = cause.cause;
  if (cause instanceof ApplicationFailure)
    return { code: cause.type ?? 'TrainingFailed', message: cause.message };
  if (cause instanceof Error) return { code: cause.name || 'TrainingFailed', message: cause.message };
  return { code: 'TrainingFailed', message: String(cause) };
}
