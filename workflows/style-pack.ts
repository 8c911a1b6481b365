/**
 * stylePackWorkflow: trains several styles as child `styleTrainingWorkflow`s with
 * bounded parallelism. Children push their phase and progress to the pack (a
 * workflow cannot query another one); the pack reads each finished child's final
 * job view through an activity, the documented way to query from a workflow.
 * A failed style doesn't stop the others; the outcome lists each style.
 */
import {
  CancellationScope,
  ChildWorkflowFailure,
  ApplicationFailure,
  ParentClosePolicy,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
  allHandlersFinished,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { lightActivityOptions } from './activity-options.ts';
import { isTerminalPhase, statusOfPhase } from './job-view.ts';
import { summarizePack } from './pack-summary.ts';
import { pauseSignal, resumeSignal, trainingWorkflowId } from './messages.ts';
import {
  childUpdateSignal,
  packJobId,
  packPauseSignal,
  packResumeSignal,
  packStatusQuery,
  type PackStyleState,
  type PackView,
  type StylePackInput,
} from './pack-messages.ts';
import { styleTrainingWorkflow } from './style-training.ts';
import { BaseModelKey, StyleNameKey, TenantIdKey, TrainingPhaseKey } from './search-attributes.ts';

const { readJobStatus } = proxyActivities<ReturnType<typeof createActivities>>(lightActivityOptions);

/** Trains every style of a pack; see the module comment. */
export async function stylePackWorkflow(input: StylePackInput): Promise<PackView> {
  const styles: PackStyleState[] = input.styles.map((s, i) => ({
    jobId: packJobId(input.packId, i),
    styleName: s.styleName,
    status: 'queued',
    phase: 'queued',
    progress: null,
    error: null,
    artifacts: [],
  }));
  const byJob = new Map(styles.map((s) => [s.jobId, s]));
  let paused = false;
  const running = new Set<string>();

  const forward = (signal: typeof pauseSignal | typeof resumeSignal) => {
    for (const jobId of running) {
      void getExternalWorkflowHandle(trainingWorkflowId(jobId))
        .signal(signal, {})
        .catch(() => undefined);
    }
  };
  setHandler(packPauseSignal, () => {
    paused = true;
    forward(pauseSignal);
  });
  setHandler(packResumeSignal, () => {
    paused = false;
    forward(resumeSignal);
  });
  setHandler(childUpdateSignal, (u) => {
    const s = byJob.get(u.jobId);
    if (!s || isTerminalPhase(s.phase)) return;
    Object.assign(s, { phase: u.phase, status: u.status, progress: u.progress ?? s.progress });
  });
  setHandler(packStatusQuery, () => view());

  function view(): PackView {
    const progress = styles.map((s) => ({
      status: statusOfPhase(s.phase),
      percent: s.progress?.percent ?? null,
    }));
    const summary = summarizePack(progress, styles.length, paused);
    return { id: input.packId, tenantId: input.tenantId, ...summary, paused, styles };
  }

  async function trainOne(index: number): Promise<void> {
    const style = input.styles[index];
    const state = styles[index];
    await condition(() => !paused);
    running.add(state.jobId);
    try {
      const child = await startChild(styleTrainingWorkflow, {
        workflowId: trainingWorkflowId(state.jobId),
        taskQueue: workflowInfo().taskQueue,
        parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        args: [
          {
            jobId: state.jobId,
            tenantId: input.tenantId,
            styleName: style.styleName,
            baseModel: style.baseModel,
            image: style.image,
            params: style.params,
            priority: input.priority,
            createdAt: input.createdAt,
            heartbeatTimeoutMs: input.heartbeatTimeoutMs,
          },
        ],
        staticSummary: `Train style '${style.styleName}' with ${style.baseModel} (pack ${input.packId})`,
        // The same search attributes and memo the gateway gives a job, so each style is a
        // first-class job in the API (GET /v1/trainings/{id}) and the Temporal UI.
        typedSearchAttributes: [
          { key: TrainingPhaseKey, value: 'queued' },
          { key: TenantIdKey, value: input.tenantId },
          { key: StyleNameKey, value: style.styleName },
          { key: BaseModelKey, value: style.baseModel },
        ],
        memo: {
          tenantId: input.tenantId,
          fingerprint: `pack:${input.packId}:${index}`,
          createdAt: input.createdAt,
          styleName: style.styleName,
          baseModel: style.baseModel,
          priority: input.priority,
          params: style.params,
          total: style.total ?? 0,
          packId: input.packId,
        },
        priority: { priorityKey: input.priority, fairnessKey: input.tenantId },
      });
      if (paused) void child.signal(pauseSignal, {});
      await child.result();
      state.phase = 'succeeded';
    } catch (err) {
      // The pack itself cancelled: propagate. One child cancelled on its own: record it, go on.
      if (isCancellation(err) && CancellationScope.current().consideredCancelled) throw err;
      const cause = err instanceof ChildWorkflowFailure ? err.cause : err;
      state.phase = isCancellation(err) ? 'cancelled' : 'failed';
      state.error =
        cause instanceof ApplicationFailure
          ? { code: cause.type ?? 'TrainingFailed', message: cause.message }
          : state.phase === 'failed'
            ? { code: 'TrainingFailed', message: String(cause) }
            : null;
    } finally {
      running.delete(state.jobId);
    }
    state.status = statusOfPhase(state.phase);
    if (state.phase === 'succeeded') {
      // Reading another workflow's state from a workflow: through an activity (queries are client calls).
      const final = await readJobStatus({ jobId: state.jobId });
      state.artifacts = final.artifacts;
      state.progress = final.progress;
    }
  }

  // Bounded parallelism: a fixed number of lanes, each taking the next style.
  let next = 0;
  const lanes = Array.from(
    { length: Math.max(1, Math.min(input.maxParallel ?? 2, styles.length)) },
    async () => {
      while (next < styles.length) await trainOne(next++);
    },
  );
  try {
    await Promise.all(lanes);
  } catch (err) {
    if (isCancellation(err)) throw err;
    throw ApplicationFailure.nonRetryable(String(err), 'PackFailed');
  }
  await condition(allHandlersFinished);
  return view();
}
