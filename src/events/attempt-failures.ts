/**
 * The `retried` event of a failed attempt that reported itself (`attemptFailed` signal,
 * activities/retry-report.ts): which activity, the attempt that comes next and the
 * cause, e.g. "Retrying training (attempt 3): StorageUnavailable: writing checkpoint 12
 * of job …: ENOSPC: no space left on device, write".
 */
import { type AttemptFailedInput } from '../../workflows/messages.ts';
import { type JobEventType } from './job-event.ts';

type Emitted = [type: JobEventType, message: string, data: Record<string, unknown>];

const WHAT: Record<string, string> = {
  decodeImage: 'decoding',
  trainStyle: 'training',
  publishArtifacts: 'publishing',
  cleanupJob: 'the cleanup',
};

/** The report, if it is one we can read (history may hold anything a client signalled). */
export function attemptFailedOf(arg: unknown): AttemptFailedInput | null {
  const r = arg as Partial<AttemptFailedInput> | null;
  if (!r || typeof r.activity !== 'string' || typeof r.attempt !== 'number') return null;
  if (typeof r.error?.code !== 'string' || typeof r.error.message !== 'string') return null;
  return r as AttemptFailedInput;
}

export function retriedEventOf(r: AttemptFailedInput): Emitted {
  const attempt = r.attempt + 1;
  const what = WHAT[r.activity] ?? r.activity;
  return [
    'retried',
    `Retrying ${what} (attempt ${attempt}): ${r.error.code}: ${r.error.message}`,
    {
      activity: r.activity,
      ...(r.run !== undefined && { run: r.run }),
      attempt,
      // The same shape as a retry learnt from the next attempt (training-reports.ts).
      reason: 'error',
      failure: { kind: 'error', type: r.error.code, message: r.error.message },
    },
  ];
}
