/**
 * Turns history facts, in history order, into the job's event log. Deterministic: the
 * same history always yields the same events with the same ids — which is what lets a
 * reconnecting client (Last-Event-ID) or a paging one (`after`) continue on any gateway.
 * The only outside input is the retry hint (why an attempt failed), which changes an
 * event's wording, never whether it exists or its id.
 */
import { PUBLISH_ACTIVITY, TRAIN_ACTIVITY, WEBHOOK_ACTIVITY } from '../../workflows/activity-names.ts';
import { eventIdOf, type JobEvent, type JobEventType } from './job-event.ts';
import { type FailureSummary } from '../jobs/failure-summary.ts';
import { type HistoryFact } from './history-facts.ts';
import { createReportTracker } from './training-reports.ts';
import { attemptFailedOf, retriedEventOf } from './attempt-failures.ts';

const PHASE_EVENTS: Record<string, [JobEventType, string] | undefined> = {
  decoding: ['decoding', 'Decoding the reference image'],
  pausing: ['pausing', 'Pausing: the trainer stops at its next iteration; the checkpoint is kept'],
  paused: ['paused', 'Paused: the training slot is free until the job is resumed'],
  publishing: ['publishing', 'Publishing the artifacts'],
  cancelling: ['cancelling', 'Cancelling: stopping the trainer and removing partial files'],
  cancelled: ['cancelled', 'Cancelled'],
  succeeded: ['succeeded', 'Succeeded'],
};

export function createEventDeriver() {
  let phase = 'queued';
  let runs = 0;
  let terminal = false;
  let lastFailure: FailureSummary | null = null;
  const activityTypes = new Map<number, string>();
  const updateNames = new Map<number, string>();
  const reports = createReportTracker();

  function push(f: HistoryFact): JobEvent[] {
    const out: JobEvent[] = [];
    const emit = (type: JobEventType, message: string, data: Record<string, unknown> = {}) =>
      out.push({ id: eventIdOf(f.eventId, out.length), type, at: f.at, message, data });
    if (terminal) return out; // e.g. the close event after the phase already said `succeeded`
    switch (f.kind) {
      case 'started': {
        const i = f.input ?? {};
        emit('created', `Job created: train style '${String(i.styleName)}' with ${String(i.baseModel)}`, {
          styleName: i.styleName,
          baseModel: i.baseModel,
          priority: i.priority,
          params: i.params,
        });
        break;
      }
      case 'phase': {
        const previous = phase;
        phase = f.phase;
        if (f.phase === 'training') {
          if (previous === 'paused')
            emit('resumed', 'Resumed: training continues from the latest checkpoint');
          const requeued = previous === 'training';
          emit(
            'training_queued',
            requeued ? 'Re-queued for training with the new priority' : 'Waiting for a training slot',
            { run: runs + 1 },
          );
        } else if (f.phase === 'failed') {
          const error = {
            code: lastFailure?.type ?? 'TrainingFailed',
            message: lastFailure?.message ?? 'the job failed',
          };
          emit('failed', `Failed: ${error.code}: ${error.message}`, { error });
        } else {
          const known = PHASE_EVENTS[f.phase];
          if (known) emit(known[0], known[1]);
        }
        terminal = ['succeeded', 'failed', 'cancelled'].includes(f.phase);
        break;
      }
      case 'activity_scheduled':
        activityTypes.set(f.eventId, f.activityType);
        if (f.activityType === TRAIN_ACTIVITY) runs += 1;
        break;
      case 'activity_completed':
        if (activityTypes.get(f.scheduledEventId) === TRAIN_ACTIVITY)
          for (const e of reports.finishedOf(f.result)) emit(...e);
        if (activityTypes.get(f.scheduledEventId) === PUBLISH_ACTIVITY) {
          const artifacts = ((f.result as { artifacts?: string[] } | null)?.artifacts ?? []).filter(
            (a) => typeof a === 'string',
          );
          emit('published', `Published ${artifacts.join(', ')}`, { artifacts });
        }
        break;
      case 'activity_failed':
        // Webhook failures never affect the job, so they never explain its failure either.
        if (activityTypes.get(f.scheduledEventId) !== WEBHOOK_ACTIVITY) lastFailure = f.failure;
        break;
      case 'signal': {
        if (f.name === 'trainingReport') for (const e of reports.eventsOf(f.arg)) emit(...e);
        const failed = f.name === 'attemptFailed' ? attemptFailedOf(f.arg) : null;
        if (failed && !terminal) {
          if (failed.run !== undefined) reports.retriedAlready(failed.run, failed.attempt + 1);
          emit(...retriedEventOf(failed));
        }
        break;
      }
      case 'update_accepted':
        updateNames.set(f.eventId, f.name);
        break;
      case 'update_completed': {
        const result = f.result as { priority?: number; requeued?: boolean } | null;
        if (updateNames.get(f.acceptedEventId) === 'setPriority' && !f.failed && result) {
          emit('priority_changed', `Priority set to ${result.priority}`, {
            priority: result.priority,
            requeued: result.requeued,
          });
        }
        break;
      }
      case 'closed': {
        terminal = true;
        if (f.status === 'completed') emit('succeeded', 'Succeeded');
        else if (f.status === 'cancelled') emit('cancelled', 'Cancelled');
        else {
          const error = {
            code: f.failure?.type ?? 'TrainingFailed',
            message: f.failure?.message ?? 'the job failed',
          };
          emit('failed', `Failed: ${error.code}: ${error.message}`, { error });
        }
        break;
      }
    }
    return out;
  }

  return {
    push,
    hintRetry: reports.hintRetry,
    needsHint: reports.needsHint,
    get phase() {
      return phase;
    },
    get trainingRuns() {
      return runs;
    },
    get terminal() {
      return terminal;
    },
  };
}

export type EventDeriver = ReturnType<typeof createEventDeriver>;
