/**
 * The training activity's reports to its workflow (start of an attempt, each checkpoint),
 * sent as signals: fire-and-forget, because a lost report only delays the job's view.
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

export function trainingReporter(input: TrainStyleInput, info: Info) {
  // Reports go to the workflow that scheduled this activity, whatever its id.
  const execution = info.workflowExecution;
  return {
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
