/**
 * Events from the training activity's own reports (the `trainingReport` signal, sent at
 * the start of every attempt and at every checkpoint): the first report of an attempt
 * starts it — and, past attempt 1, says why it was retried — later ones are checkpoints.
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

  function eventsOf(arg: unknown): Emitted[] {
    const r = arg as Report | null;
    if (!r || typeof r.run !== 'number' || typeof r.attempt !== 'number') return [];
    const key = `${r.run}:${r.attempt}`;
    const of = `${r.iteration}/${r.total}`;
    if (seenAttempts.has(key)) {
      if (!r.checkpointKey) return [];
      const data = { iteration: r.iteration, total: r.total, loss: r.loss, attempt: r.attempt };
      return [['checkpoint', `Checkpoint at iteration ${of}${formatLoss(r.loss)}`, data]];
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

  return {
    eventsOf,
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
