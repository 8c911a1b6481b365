/**
 * The state of a style pack inside its workflow, the handlers that read and change
 * it, and its view (the shape of training-job-state.ts). Children push their phase and
 * progress here (a workflow cannot query another one); pause and resume are forwarded
 * to the children that run.
 */
import { getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';
import type { StylePackInput } from './contract-schemas.ts';
import { isTerminalPhase, statusOfPhase } from './job-view.ts';
import { pauseSignal, resumeSignal } from './messages.ts';
import {
  childUpdateSignal,
  packPauseSignal,
  packResumeSignal,
  packStatusQuery,
  type PackStyleState,
  type PackView,
} from './pack-messages.ts';
import { summarizePack } from './pack-summary.ts';

/** How the pack names its n-th child: its job id and its workflow id. */
export interface ChildNaming {
  jobId(index: number): string;
  workflowId(jobId: string): string;
}

export class PackState {
  readonly styles: PackStyleState[];
  paused = false;
  /** Workflow ids of the children running now (the ones pause and resume reach). */
  readonly running = new Set<string>();
  private readonly byJob: Map<string, PackStyleState>;

  constructor(
    readonly input: StylePackInput,
    readonly naming: ChildNaming,
  ) {
    this.styles = input.styles.map((s, i) => ({
      jobId: naming.jobId(i),
      styleName: s.styleName,
      status: 'queued',
      phase: 'queued',
      progress: null,
      error: null,
      artifacts: [],
    }));
    this.byJob = new Map(this.styles.map((s) => [s.jobId, s]));
  }

  registerHandlers(): void {
    setHandler(packPauseSignal, () => {
      this.paused = true;
      this.forward(pauseSignal);
    });
    setHandler(packResumeSignal, () => {
      this.paused = false;
      this.forward(resumeSignal);
    });
    setHandler(childUpdateSignal, (u) => {
      const s = this.byJob.get(u.jobId);
      if (!s || isTerminalPhase(s.phase)) return;
      Object.assign(s, { phase: u.phase, status: u.status, progress: u.progress ?? s.progress });
    });
    setHandler(packStatusQuery, () => this.view());
  }

  private forward(signal: typeof pauseSignal | typeof resumeSignal): void {
    for (const workflowId of this.running) {
      void getExternalWorkflowHandle(workflowId)
        .signal(signal, {})
        .catch(() => undefined); // a child that just finished cannot be paused; nothing to do
    }
  }

  view(): PackView {
    const progress = this.styles.map((s) => ({
      status: statusOfPhase(s.phase),
      percent: s.progress?.percent ?? null,
    }));
    const summary = summarizePack(progress, this.styles.length, this.paused);
    return {
      id: this.input.packId,
      tenantId: this.input.tenantId,
      ...summary,
      paused: this.paused,
      styles: this.styles,
    };
  }
}
