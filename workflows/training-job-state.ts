/**
 * The state of one training job inside its workflow, with the message handlers that
 * read and change it and the view they answer with (the samples' safe-message-handlers
 * shape): the workflow function only runs the pipeline over it. Every phase change is
 * mirrored into the `TrainingPhase` search attribute, so the API and the Temporal UI can
 * read it without a worker.
 */
import {
  ApplicationFailure,
  type CancellationScope,
  getExternalWorkflowHandle,
  setCurrentDetails,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  isTerminalPhase,
  progressOf,
  statusOfPhase,
  type JobError,
  type JobPhase,
  type JobView,
} from './job-view.ts';
import { SetPriorityInputSchema, describeIssues } from './contract-schemas.ts';
import { FailureType } from './failures.ts';
import {
  MAX_PRIORITY,
  MIN_PRIORITY,
  pauseSignal,
  resumeSignal,
  setPriorityUpdate,
  attemptFailedSignal,
  statusQuery,
  trainingReportSignal,
  type StyleTrainingInput,
  type TrainingReportInput,
} from './messages.ts';
import type { TrainStyleResult } from '../activities/types.ts';
import { childUpdateSignal } from './pack-messages.ts';
import { TrainingPhaseKey } from './search-attributes.ts';

export class TrainingJobState {
  phase: JobPhase = 'queued';
  priority: number;
  paused = false;
  /** How many times training was scheduled (1 + resumes after pause or re-prioritisation). */
  run = 0;
  report: TrainingReportInput | undefined;
  trainingStartedAt: string | null = null;
  finishedAt: string | null = null;
  error: JobError | null = null;
  artifacts: string[] = [];
  /** Training time summed over the runs that completed (for the manifest). */
  trainingMs = 0;
  /** The scope of the training activity in flight; cancelling it pauses or re-queues training. */
  trainingScope: CancellationScope | undefined;

  constructor(
    readonly input: StyleTrainingInput,
    /** Push `childUpdate` signals to the parent workflow: only when asked (a pack asks). */
    private readonly notifyParent: boolean,
  ) {
    this.priority = input.priority;
  }

  /** Call before the first await: an update that arrives with no handler is rejected. */
  registerHandlers(): void {
    setHandler(pauseSignal, () => {
      if (isTerminalPhase(this.phase) || this.phase === 'cancelling') return;
      this.paused = true;
      if (this.trainingScope) {
        this.setPhase('pausing');
        this.trainingScope.cancel();
      }
    });
    setHandler(resumeSignal, () => {
      this.paused = false;
    });
    setHandler(trainingReportSignal, (report) => this.onReport(report));
    // Nothing to do: the signal is for the history (the event log's `retried` event); the
    // gateway reads a retry's live state from describe(), and the workflow's own view has
    // no say in it. A handler keeps the SDK from buffering it as unhandled.
    setHandler(attemptFailedSignal, () => undefined);
    setHandler(statusQuery, () => this.view());
    setHandler(setPriorityUpdate, ({ priority }) => this.changePriority(priority), {
      // Rejections are typed failures, so callers in any language can branch on the type.
      validator: (update) => {
        const parsed = SetPriorityInputSchema.safeParse(update);
        if (!parsed.success)
          throw ApplicationFailure.create({
            type: FailureType.InvalidInput,
            message: `setPriority: ${describeIssues(parsed.error)} (priority is an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY})`,
            nonRetryable: true,
          });
        if (isTerminalPhase(this.phase))
          throw ApplicationFailure.create({
            type: FailureType.InvalidState,
            message: `the job has already ${this.phase}`,
            nonRetryable: true,
          });
      },
    });
  }

  private onReport(report: TrainingReportInput): void {
    if (report.run !== this.run) return; // a late report from a cancelled run
    this.report = report;
    this.pushToParent();
    if (!this.trainingStartedAt) {
      this.trainingStartedAt = new Date().toISOString();
      upsertMemo({ startedAt: this.trainingStartedAt });
    }
  }

  /**
   * The training run's result stands for its last report: an attempt does not report its
   * final checkpoint (activities/train-style.ts), the result carries it. State only, no
   * command, so histories from before replay unchanged.
   */
  trainingFinished(
    result: Pick<TrainStyleResult, 'iterations' | 'total' | 'finalLoss' | 'checkpointKey'>,
  ): void {
    this.report = {
      run: this.run,
      attempt: this.report?.run === this.run ? this.report.attempt : 1,
      iteration: result.iterations,
      total: result.total,
      loss: result.finalLoss,
      checkpointKey: result.checkpointKey,
    };
  }

  private changePriority(priority: number) {
    this.priority = priority;
    upsertMemo({ priority }); // the API reads the priority from the memo when no worker runs
    // A training task still waiting in the queue keeps its old priority unless re-queued.
    const waiting = this.phase === 'training' && this.report?.run !== this.run;
    if (waiting && this.trainingScope) this.trainingScope.cancel();
    return { priority, requeued: waiting };
  }

  view(): JobView {
    const { input, report: r } = this;
    const started = r !== undefined && r.run === this.run;
    return {
      id: input.jobId,
      tenantId: input.tenantId,
      styleName: input.styleName,
      baseModel: input.baseModel,
      status: statusOfPhase(this.phase, started),
      phase: this.phase,
      priority: this.priority,
      progress: r ? progressOf(r.iteration, r.total, r.loss) : null,
      attempt: r?.attempt ?? 0,
      trainingRuns: this.run,
      createdAt: input.createdAt,
      startedAt: this.trainingStartedAt,
      finishedAt: this.finishedAt,
      error: this.error,
      artifacts: this.artifacts,
      params: input.params,
      metadata: input.metadata ?? {},
    };
  }

  setPhase(phase: JobPhase): void {
    this.phase = phase;
    upsertSearchAttributes([{ key: TrainingPhaseKey, value: phase }]);
    setCurrentDetails(`Phase: **${phase}**`);
    this.pushToParent();
  }

  /** A pack (parent workflow) cannot query us, so we push our state to it. */
  private pushToParent(): void {
    const parent = workflowInfo().parent;
    if (!parent || !this.notifyParent) return;
    const v = this.view();
    void getExternalWorkflowHandle(parent.workflowId, parent.runId)
      .signal(childUpdateSignal, { jobId: v.id, phase: v.phase, status: v.status, progress: v.progress })
      .catch(() => undefined); // the parent may have closed; our own outcome doesn't depend on it
  }
}
