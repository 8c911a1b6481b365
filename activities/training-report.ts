/**
 * The training activity's reports to its workflow (start of an attempt, checkpoints),
 * sent as signals: fire-and-forget, because a lost report only delays the job's view.
 *
 * Every signal costs four history events (the signal and a workflow task), history is
 * bounded (the server warns at 10,000 events and stops a workflow at 51,200), and a
 * checkpoint is written every second. So an attempt reports its first 30 checkpoints
 * (a short job's query view follows every one), then one per 30 s: a 12-hour attempt
 * sends about 1,470 reports instead of 43,200. GET and SSE do not wait for reports: their
 * live progress comes from heartbeats, which cost no history.
 */
import { getClient, log, type Info } from '@temporalio/activity';
import type { CheckpointFallback } from '../workflows/messages.ts';
import { trainingReportSignal } from '../workflows/messages.ts';
import type { TrainStyleInput } from './types.ts';

interface Progress {
  iteration: number;
  total: number;
  loss: number | null;
  checkpointKey: string | null;
}

export interface CheckpointReportPolicy {
  /** Checkpoints reported one by one at the start of an attempt. */
  everyOneFirst: number;
  /** After those, at most one report per this many ms. */
  thenEveryMs: number;
}

export const CHECKPOINT_REPORTS: CheckpointReportPolicy = { everyOneFirst: 30, thenEveryMs: 30_000 };

/** Whether a checkpoint written at `now` is reported, given this attempt's reports so far. */
export function checkpointReportDue(
  sent: { count: number; lastAt: number | undefined },
  now: number,
  policy: CheckpointReportPolicy = CHECKPOINT_REPORTS,
): boolean {
  return (
    sent.count < policy.everyOneFirst || sent.lastAt === undefined || now - sent.lastAt >= policy.thenEveryMs
  );
}

export function trainingReporter(input: TrainStyleInput, info: Info) {
  // Reports go to the workflow that scheduled this activity, whatever its id.
  const execution = info.workflowExecution;
  const sent = { count: 0, lastAt: undefined as number | undefined };
  return {
    /** A checkpoint was written: reported while `checkpointReportDue` says so. */
    checkpoint(p: Progress): void {
      const now = Date.now();
      if (!checkpointReportDue(sent, now)) return;
      sent.count += 1;
      sent.lastAt = now;
      this.send(p);
    },
    send(p: Progress, checkpointFallback?: CheckpointFallback): void {
      if (!execution) return;
      void getClient()
        .workflow.getHandle(execution.workflowId, execution.runId)
        .signal(trainingReportSignal, {
          run: input.run,
          attempt: info.attempt,
          iteration: p.iteration,
          total: p.total,
          loss: p.loss,
          checkpointKey: p.checkpointKey ?? undefined,
          ...(checkpointFallback && { checkpointFallback }),
        })
        .catch((err: unknown) => log.warn('training report not delivered', { error: String(err) }));
    },
  };
}
