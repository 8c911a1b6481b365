/**
 * The API job from describe() facts alone (pure): status and phase, progress, ETA,
 * artifact links and the error, as tables of facts → view.
 */
import { type WorkflowExecutionStatusName } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { buildJobView, statusAndPhaseOf, type JobExtras } from '../../src/jobs/build-job-view.ts';
import { type JobFacts, type TrainingActivityFacts } from '../../src/jobs/describe-job.ts';
import { type PendingRetry } from '../../src/jobs/pending-retry.ts';
import { JobMemoSchema, type JobMemoInput } from '../../src/jobs/job-memo.ts';
import { type JobPhase } from '../../workflows/job-view.ts';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const at = (secondsBeforeNow: number) => new Date(NOW.getTime() - secondsBeforeNow * 1000);

function facts(over: Partial<JobFacts> = {}, memo: Partial<JobMemoInput> = {}): JobFacts {
  return {
    jobId: 'job-1',
    tenantId: 'acme',
    runId: 'run-1',
    executionStatus: 'RUNNING',
    cancelRequested: false,
    taskQueue: 'atelier.orchestration',
    startTime: at(600),
    executionTime: null,
    closeTime: null,
    phase: 'training',
    memo: JobMemoSchema.parse({
      tenantId: 'acme',
      fingerprint: 'f',
      createdAt: at(600).toISOString(),
      styleName: 'Ukiyo',
      baseModel: 'color-lut',
      priority: 3,
      total: 100,
      ...memo,
    }),
    training: null,
    retry: null,
    ...over,
  };
}

function training(over: Partial<TrainingActivityFacts> = {}): TrainingActivityFacts {
  return {
    state: 'started',
    attempt: 1,
    heartbeat: null,
    priority: null,
    scheduledAt: null,
    lastHeartbeatAt: null,
    retryOf: null,
    ...over,
  };
}

const beat = (iteration: number, total = 100, loss: number | null = 0.5) => ({
  iteration,
  total,
  loss,
  checkpointKey: null,
  storageFailures: 0,
});

const extras = (over: Partial<JobExtras> = {}): JobExtras => ({
  error: null,
  artifacts: [],
  lastCheckpoint: null,
  queue: null,
  now: NOW,
  ...over,
});

describe('statusAndPhaseOf', () => {
  const cases: Array<
    [WorkflowExecutionStatusName, JobPhase | null, TrainingActivityFacts | null, string, string]
  > = [
    ['COMPLETED', 'publishing', null, 'succeeded', 'succeeded'],
    ['FAILED', 'training', null, 'failed', 'failed'],
    ['TERMINATED', 'training', null, 'failed', 'failed'],
    ['TIMED_OUT', 'queued', null, 'failed', 'failed'],
    ['CANCELLED', 'cancelling', null, 'cancelled', 'cancelled'],
    ['RUNNING', null, null, 'queued', 'queued'],
    ['RUNNING', 'decoding', null, 'running', 'decoding'],
    ['RUNNING', 'training', training({ state: 'scheduled' }), 'queued', 'training'],
    ['RUNNING', 'training', null, 'queued', 'training'],
    ['RUNNING', 'training', training({ state: 'started' }), 'running', 'training'],
    ['RUNNING', 'training', training({ state: 'cancel_requested' }), 'running', 'training'],
    ['RUNNING', 'pausing', training(), 'running', 'pausing'],
    ['RUNNING', 'paused', null, 'paused', 'paused'],
    ['RUNNING', 'publishing', null, 'running', 'publishing'],
  ];
  it.each(cases)(
    '%s in phase %s (training %j) → %s / %s',
    (executionStatus, phase, t, status, shownPhase) => {
      expect(statusAndPhaseOf(facts({ executionStatus, phase, training: t }))).toEqual({
        status,
        phase: shownPhase,
      });
    },
  );
});

describe('progress', () => {
  const cases: Array<[string, JobFacts, Partial<JobExtras>, unknown]> = [
    [
      'from the live heartbeat',
      facts({ training: training({ heartbeat: beat(25) }) }),
      {},
      { iteration: 25, total: 100, loss: 0.5, percent: 25 },
    ],
    [
      "the memo's total when the heartbeat has none",
      facts({ training: training({ heartbeat: beat(3, 0) }) }, { total: 40 }),
      {},
      { iteration: 3, total: 40, loss: 0.5, percent: 7.5 },
    ],
    [
      'the heartbeat over an older checkpoint',
      facts({ training: training({ heartbeat: beat(30) }) }),
      { lastCheckpoint: { iteration: 20, loss: 0.9 } },
      { iteration: 30, total: 100, loss: 0.5, percent: 30 },
    ],
    [
      'the latest checkpoint when no heartbeat is pending (paused)',
      facts({ phase: 'paused' }),
      { lastCheckpoint: { iteration: 10, loss: null } },
      { iteration: 10, total: 100, loss: null, percent: 10 },
    ],
    ['none before training', facts({ phase: 'decoding' }), {}, null],
    [
      '100 % once succeeded, even after an early stop',
      facts({ executionStatus: 'COMPLETED', phase: 'succeeded' }),
      { lastCheckpoint: { iteration: 60, loss: 0.1 } },
      { iteration: 60, total: 100, loss: 0.1, percent: 100 },
    ],
  ];
  it.each(cases)('%s', (_name, f, x, progress) => {
    expect(buildJobView(f, extras(x)).progress).toEqual(progress);
  });
});

describe('ETA', () => {
  const startedAt = at(100).toISOString();
  const running = (heartbeat: ReturnType<typeof beat>, lastHeartbeatAt: Date | null = at(20)) =>
    facts({ training: training({ heartbeat, lastHeartbeatAt }) }, { startedAt });
  const cases: Array<[string, JobFacts, string | null]> = [
    // 25 iterations in the 80 s from start to the last heartbeat: 3.2 s each, 75 to go.
    [
      'at the average rate since training started',
      running(beat(25)),
      new Date(at(20).getTime() + 240_000).toISOString(),
    ],
    [
      'counted from now without a heartbeat time',
      running(beat(25), null),
      new Date(NOW.getTime() + 300_000).toISOString(),
    ],
    ['none before the first iteration', running(beat(0)), null],
    ['none once every iteration is done', running(beat(100)), null],
    ['none without a start time', facts({ training: training({ heartbeat: beat(25) }) }), null],
    ['none when the clock says no time has passed', running(beat(25), at(100)), null],
    [
      'none while queued',
      facts(
        { training: training({ state: 'scheduled', heartbeat: beat(25), lastHeartbeatAt: at(20) }) },
        { startedAt },
      ),
      null,
    ],
    ['none while paused', facts({ phase: 'paused', training: null }, { startedAt }), null],
  ];
  it.each(cases)('%s', (_name, f, eta) => {
    expect(buildJobView(f, extras()).eta).toBe(eta);
  });
});

describe('the rest of the view', () => {
  it('links every artifact and the job’s collections under its own path', () => {
    const view = buildJobView(
      facts({ executionStatus: 'COMPLETED', phase: 'succeeded', closeTime: at(5) }),
      extras({ artifacts: [{ name: 'style.cube', bytes: 12, sha256: 'ab'.repeat(32) }] }),
    );
    expect(view.artifacts).toEqual([
      {
        name: 'style.cube',
        bytes: 12,
        sha256: 'ab'.repeat(32),
        href: '/v1/trainings/job-1/artifacts/style.cube',
      },
    ]);
    expect(view.links).toEqual({
      self: '/v1/trainings/job-1',
      artifacts: '/v1/trainings/job-1/artifacts',
      checkpoints: '/v1/trainings/job-1/checkpoints',
      events: '/v1/trainings/job-1/events',
    });
    expect(view.finishedAt).toBe(at(5).toISOString());
  });

  const failed = facts({ executionStatus: 'FAILED', phase: 'failed' });
  const cases: Array<[string, JobFacts, Partial<JobExtras>, unknown]> = [
    [
      "a failed job's own error",
      failed,
      { error: { code: 'InvalidImage', message: 'not an image' } },
      { code: 'InvalidImage', message: 'not an image' },
    ],
    [
      'a generic error when the failure is unknown',
      failed,
      {},
      { code: 'TrainingFailed', message: 'the job failed' },
    ],
    ['no error unless the job failed', facts(), { error: { code: 'X', message: 'stale' } }, null],
  ];
  it.each(cases)('error: %s', (_name, f, x, error) => {
    expect(buildJobView(f, extras(x)).error).toEqual(error);
  });

  it.each([
    [
      'the training task’s priority and attempt',
      facts({ training: training({ priority: 1, attempt: 3 }) }),
      1,
      3,
    ],
    [
      'the memo’s priority; attempt 1 once training started',
      facts({}, { startedAt: at(5).toISOString() }),
      3,
      1,
    ],
    ['attempt 0 before training ever started', facts({ phase: 'decoding' }), 3, 0],
  ])('priority and attempt: %s', (_name, f, priority, attempt) => {
    expect(buildJobView(f, extras())).toMatchObject({ priority, attempt });
  });
});

describe('while an activity retries', () => {
  const enospc = 'writing checkpoint 3 of job acme/job-1: ENOSPC: no space left on device, write';
  const retry = (over: Partial<PendingRetry> = {}): PendingRetry => ({
    activity: 'trainStyle',
    failedAttempt: 2,
    waiting: true,
    failure: { kind: 'error', type: 'StorageUnavailable', message: enospc },
    failedAt: at(3),
    nextAttemptAt: at(-1),
    ...over,
  });
  const failing = { ...beat(0), storageFailures: 2 };
  const cases: Array<[string, JobFacts, string]> = [
    [
      'the next training attempt waits for its backoff, not for a slot',
      facts({ training: training({ state: 'scheduled', attempt: 3 }), retry: retry() }),
      'retrying',
    ],
    [
      'the next training attempt runs, storage still failing in a row',
      facts({ training: training({ attempt: 3, heartbeat: failing }), retry: retry({ waiting: false }) }),
      'retrying',
    ],
    [
      'the next training attempt has written a checkpoint (the count is reset)',
      facts({ training: training({ attempt: 3, heartbeat: beat(5) }), retry: retry({ waiting: false }) }),
      'running',
    ],
    [
      'a training attempt resumed after a lost worker',
      facts({
        training: training({ attempt: 2, heartbeat: beat(5) }),
        retry: retry({
          waiting: false,
          failure: { kind: 'worker_lost', type: 'HeartbeatTimeout', message: 'lost' },
        }),
      }),
      'running',
    ],
    [
      'waiting for a worker after the last one was shut down: queued like any task',
      facts({
        training: training({ state: 'scheduled', attempt: 2 }),
        retry: retry({
          failure: { kind: 'error', type: 'WorkerShutdown', message: 'Worker is shutting down' },
        }),
      }),
      'queued',
    ],
    [
      'waiting for a worker after a lost one (heartbeat timeout): queued',
      facts({
        training: training({ state: 'scheduled', attempt: 2 }),
        retry: retry({ failure: { kind: 'worker_lost', type: 'HeartbeatTimeout', message: 'lost' } }),
      }),
      'queued',
    ],
    [
      'publishing, its next attempt running',
      facts({ phase: 'publishing', retry: retry({ activity: 'publishArtifacts', waiting: false }) }),
      'retrying',
    ],
    ['paused: stays paused', facts({ phase: 'paused', retry: retry() }), 'paused'],
    [
      'closed: the terminal status',
      facts({ executionStatus: 'FAILED', phase: 'failed', retry: retry() }),
      'failed',
    ],
  ];
  it.each(cases)('status: %s → %s', (_name, f, status) => {
    expect(buildJobView(f, extras()).status).toBe(status);
  });

  it('lastError carries the cause, the activity and the failed attempt', () => {
    const view = buildJobView(facts({ retry: retry() }), extras());
    expect(view.lastError).toEqual({
      code: 'StorageUnavailable',
      message: enospc,
      activity: 'trainStyle',
      attempt: 2,
      at: at(3).toISOString(),
      nextAttemptAt: at(-1).toISOString(),
    });
  });

  it('lastError is null when nothing retries, and once the job has closed', () => {
    expect(buildJobView(facts(), extras()).lastError).toBeNull();
    const closed = facts({ executionStatus: 'COMPLETED', phase: 'succeeded', retry: retry() });
    expect(buildJobView(closed, extras()).lastError).toBeNull();
  });
});
