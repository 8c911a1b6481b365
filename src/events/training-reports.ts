/**
 * Events from the training activity's own reports (the `trainingReport` signal, sent at
 * the start of every attempt and at every checkpoint): the first report of an attempt
 * starts it — and, past attempt 1, says why it was retried — later ones are checkpoints.
 * An attempt that finishes does not report its last checkpoint: that one comes from the
 * training activity's result (`finishedOf`).
 */
import { type JobEventType } from './job-event.ts';
import { type FailureSummary } from '../jobs/failure-summary.ts';
import { type TrainingReportInput } from '../../workflows/messages.ts';

type Report = TrainingReportInput;

type Emitted = [type: JobEventType, message: string, data: Record<string, unknown>];

const RETRY_REASONS: Record<FailureSummary['kind'], string> = {
  worker_lost: 'the previous attempt lost its worker (no heartbeat)',
  timeout: 'the previous attempt timed out',
  error: 'the previous attempt failed',
  cancelled: 'the previous attempt was cancelled',
  other: 'the previous attempt did not finish',
};

const formatLoss = (loss: number | null) =>
  loss === null || !Number.isFinite(loss) ? '' : ` (loss ${loss.toPrecision(4)})`;

export function createReportTracker() {
  const seenAttempts = new Set<string>();
  const hints = new Map<string, FailureSummary>();
  const retried = new Set<string>();
  let lastAttempt: { run: number; attempt: number } | undefined;
  let lastCheckpoint: { key: string; iteration: number } | undefined;

  function checkpointEvent(attempt: number, iteration: number, total: number, loss: number | null): Emitted {
    const data = { iteration, total, loss, attempt };
    return ['checkpoint', `Checkpoint at iteration ${iteration}/${total}${formatLoss(loss)}`, data];
  }

  function eventsOf(arg: unknown): Emitted[] {
    const r = arg as Report | null;
    if (!r || typeof r.run !== 'number' || typeof r.attempt !== 'number') return [];
    const key = `${r.run}:${r.attempt}`;
    const of = `${r.iteration}/${r.total}`;
    lastAttempt = { run: r.run, attempt: r.attempt };
    if (seenAttempts.has(key)) {
      if (!r.checkpointKey) return [];
      lastCheckpoint = { key, iteration: r.iteration };
      return [checkpointEvent(r.attempt, r.iteration, r.total, r.loss)];
    }
    seenAttempts.add(key);
    const out: Emitted[] = [];
    if (r.attempt > 1 && !retried.has(key)) {
      const failure = hints.get(key) ?? null;
      const said = failure?.kind === 'error' ? `: ${failure.type ?? 'Error'}: ${failure.message}` : '';
      const reason = failure ? RETRY_REASONS[failure.kind] + said : 'the previous attempt did not finish';
      const data = { run: r.run, attempt: r.attempt, reason: failure?.kind ?? 'unknown', failure };
      out.push(['retried', `Retrying training (attempt ${r.attempt}): ${reason}`, data]);
    }
    const from = r.iteration > 0 ? `resuming from iteration ${of}` : `from the start (0/${r.total})`;
    const data = { run: r.run, attempt: r.attempt, resumedFrom: r.iteration, total: r.total };
    out.push(['attempt_started', `Training attempt ${r.attempt} started, ${from}`, data]);
    return out;
  }

  /**
   * The training activity's result: its final checkpoint, unless the attempt reported that
   * one itself (histories from before attempts stopped reporting it).
   */
  function finishedOf(result: unknown): Emitted[] {
    const r = result as { iterations?: unknown; total?: unknown; finalLoss?: unknown } | null;
    if (!r || typeof r.iterations !== 'number' || typeof r.total !== 'number' || !lastAttempt) return [];
    const key = `${lastAttempt.run}:${lastAttempt.attempt}`;
    if (lastCheckpoint?.key === key && lastCheckpoint.iteration === r.iterations) return [];
    const loss = typeof r.finalLoss === 'number' ? r.finalLoss : null;
    return [checkpointEvent(lastAttempt.attempt, r.iterations, r.total, loss)];
  }

  return {
    eventsOf,
    finishedOf,
    /** Why attempt `attempt` of training run `run` was needed (the failure of the attempt before it). */
    hintRetry(run: number, attempt: number, failure: FailureSummary): void {
      hints.set(`${run}:${attempt}`, failure);
    },
    /** The `retried` event of this attempt came from its predecessor's own report: not again. */
    retriedAlready(run: number, attempt: number): void {
      retried.add(`${run}:${attempt}`);
    },
    /** True for a retried attempt not derived yet whose reason is still unknown. */
    needsHint: (run: number, attempt: number) =>
      attempt > 1 &&
      !seenAttempts.has(`${run}:${attempt}`) &&
      !hints.has(`${run}:${attempt}`) &&
      !retried.has(`${run}:${attempt}`),
  };
}
