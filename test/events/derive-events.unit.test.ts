import { describe, expect, it } from 'vitest';
import { createEventDeriver } from '../../src/events/derive-events.ts';
import { type FactBody, type HistoryFact } from '../../src/events/history-facts.ts';
import { compareEventIds } from '../../src/events/job-event.ts';

const at = '2026-01-01T00:00:00.000Z';
let next = 1;
const fact = (body: FactBody, eventId = next++): HistoryFact => ({ ...body, eventId, at });
const phase = (p: string) => fact({ kind: 'phase', phase: p });
const report = (run: number, attempt: number, iteration: number, checkpointKey?: string) =>
  fact({
    kind: 'signal',
    name: 'trainingReport',
    arg: { run, attempt, iteration, total: 10, loss: 0.5, checkpointKey },
  });
const derive = (facts: HistoryFact[], setup?: (d: ReturnType<typeof createEventDeriver>) => void) => {
  const d = createEventDeriver();
  setup?.(d);
  return facts.flatMap((f) => d.push(f));
};

describe('createEventDeriver', () => {
  it('numbers several events of one history event as id, id-1, … in order', () => {
    next = 40;
    const events = derive([phase('training'), report(1, 1, 0), phase('paused'), phase('training')]);
    expect(events.map((e) => [e.id, e.type])).toEqual([
      ['40', 'training_queued'],
      ['41', 'attempt_started'],
      ['42', 'paused'],
      ['43', 'resumed'],
      ['43-1', 'training_queued'],
    ]);
    expect(compareEventIds('43', '43-1')).toBeLessThan(0);
    expect(compareEventIds('9-2', '10')).toBeLessThan(0);
  });

  it('tells attempts from checkpoints, and says why an attempt was retried when it is known', () => {
    const lost = { kind: 'worker_lost' as const, type: 'HeartbeatTimeout', message: 'lost' };
    const events = derive(
      [report(1, 1, 0, 'k0'), report(1, 1, 3, 'k3'), report(1, 2, 3, 'k3'), report(1, 3, 5)],
      (d) => d.hintRetry(1, 2, lost),
    );
    expect(events.map((e) => [e.type, e.data.attempt, e.data.reason])).toEqual([
      ['attempt_started', 1, undefined],
      ['checkpoint', 1, undefined],
      ['retried', 2, 'worker_lost'],
      ['attempt_started', 2, undefined],
      ['retried', 3, 'unknown'],
      ['attempt_started', 3, undefined],
    ]);
  });

  it("takes a finished run's last checkpoint from the training result, once, also when the attempt reported it itself", () => {
    const trainScheduled = (id: number) =>
      fact({ kind: 'activity_scheduled', activityType: 'trainStyle' }, id);
    const trainDone = (scheduledEventId: number, iterations: number) =>
      fact({
        kind: 'activity_completed',
        scheduledEventId,
        result: { iterations, total: 10, finalLoss: 0.25, checkpointKey: `k${iterations}` },
      });
    const checkpoints = (facts: HistoryFact[]) =>
      derive(facts)
        .filter((e) => e.type === 'checkpoint')
        .map((e) => [e.data.attempt, e.data.iteration, e.data.loss]);
    // Now: the attempt reports checkpoints before its last; the result brings the last one.
    expect(
      checkpoints([trainScheduled(200), report(1, 1, 0), report(1, 1, 5, 'k5'), trainDone(200, 10)]),
    ).toEqual([
      [1, 5, 0.5],
      [1, 10, 0.25],
    ]);
    // Histories from before: the attempt reported its last checkpoint too; it is not repeated.
    expect(
      checkpoints([trainScheduled(300), report(1, 2, 3, 'k3'), report(1, 2, 10, 'k10'), trainDone(300, 10)]),
    ).toEqual([[2, 10, 0.5]]);
    // A run that resumed an already finished state still shows its checkpoint, as before.
    expect(checkpoints([trainScheduled(400), report(2, 1, 10, 'k10'), trainDone(400, 10)])).toEqual([
      [1, 10, 0.25],
    ]);
  });

  it('emits exactly one terminal event: the phase, not the close event after it', () => {
    const events = derive([
      phase('publishing'),
      phase('succeeded'),
      fact({ kind: 'closed', status: 'completed', failure: null }),
    ]);
    expect(events.map((e) => e.type)).toEqual(['publishing', 'succeeded']);
  });

  it('a failed job carries the last activity failure (never a webhook one) as its error', () => {
    const events = derive([
      fact({ kind: 'activity_scheduled', activityType: 'trainStyle' }, 100),
      fact({ kind: 'activity_scheduled', activityType: 'deliverWebhook' }, 101),
      fact({
        kind: 'activity_failed',
        scheduledEventId: 100,
        failure: { kind: 'error', type: 'TrainerBadInput', message: 'no' },
      }),
      fact({
        kind: 'activity_failed',
        scheduledEventId: 101,
        failure: { kind: 'error', type: 'WebhookRefused', message: '302' },
      }),
      phase('failed'),
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'failed',
      data: { error: { code: 'TrainerBadInput', message: 'no' } },
    });
  });

  it('a terminated workflow ends the log as failed, from its close event', () => {
    const events = derive([
      phase('training'),
      fact({
        kind: 'closed',
        status: 'terminated',
        failure: { kind: 'other', type: 'Terminated', message: 'by ops' },
      }),
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'failed', message: 'Failed: Terminated: by ops' });
  });

  it('reports a priority change only for a successful setPriority update', () => {
    const events = derive([
      fact({ kind: 'update_accepted', name: 'setPriority' }, 200),
      fact({
        kind: 'update_completed',
        acceptedEventId: 200,
        result: { priority: 1, requeued: false },
        failed: false,
      }),
      fact({ kind: 'update_accepted', name: 'setPriority' }, 202),
      fact({ kind: 'update_completed', acceptedEventId: 202, result: null, failed: true }),
    ]);
    expect(events.map((e) => [e.type, e.data.priority])).toEqual([['priority_changed', 1]]);
  });
});

describe('retries reported by the failed attempt itself', () => {
  const enospc = 'writing checkpoint 4 of job local/j: ENOSPC: no space left on device, write';
  const failed = (activity: string, attempt: number, run?: number) =>
    fact({
      kind: 'signal',
      name: 'attemptFailed',
      arg: { activity, attempt, run, error: { code: 'StorageUnavailable', message: enospc } },
    });

  it('a failed training attempt gives one retried event with the cause, not a second at the next start', () => {
    const events = derive([report(1, 1, 0, 'k0'), failed('trainStyle', 1, 1), report(1, 2, 0)]);
    expect(events.map((e) => [e.type, e.data.attempt])).toEqual([
      ['attempt_started', 1],
      ['retried', 2],
      ['attempt_started', 2],
    ]);
    expect(events[1].message).toBe(`Retrying training (attempt 2): StorageUnavailable: ${enospc}`);
    expect(events[1].data).toMatchObject({
      activity: 'trainStyle',
      run: 1,
      reason: 'error',
      failure: { kind: 'error', type: 'StorageUnavailable', message: enospc },
    });
  });

  it('an attempt that fails before it reports (the claim fails) still shows as retried', () => {
    const events = derive([phase('training'), failed('trainStyle', 1, 1), failed('trainStyle', 2, 1)]);
    expect(events.map((e) => [e.type, e.data.attempt])).toEqual([
      ['training_queued', undefined],
      ['retried', 2],
      ['retried', 3],
    ]);
  });

  it.each([
    ['decodeImage', 'decoding'],
    ['publishArtifacts', 'publishing'],
  ])('%s: "Retrying %s (attempt n)"', (activity, what) => {
    const [event] = derive([failed(activity, 2)]);
    expect(event.type).toBe('retried');
    expect(event.message).toMatch(new RegExp(`^Retrying ${what} \\(attempt 3\\): StorageUnavailable: `));
    expect(event.data).not.toHaveProperty('run');
  });

  it('ignores a malformed report', () => {
    expect(derive([fact({ kind: 'signal', name: 'attemptFailed', arg: { activity: 'x' } })])).toEqual([]);
  });
});
