/**
 * Two SIGKILLs in the middle of one long job (lutSize 65):
 * recovery_after_kill_s: the training worker running it dies while a second one is idle
 * (any deployment with two); from the kill until the server runs the job's next
 * training attempt (the pending activity's attempt number goes up and it is started).
 * Bounded below by the heartbeat timeout (HEARTBEAT_TIMEOUT_MS, default 2.5 s) plus the
 * first retry interval (0.2 s).
 * recovery_restart_only_s: then the only training worker left dies and is restarted at
 * once (as a supervisor would; the peers are measured this way): also bounded by its
 * start-up.
 * noticed_after_kill_s: from the kill until the server gave up on the attempt (the
 * attempt number went up, still scheduled): the heartbeat timeout at work.
 * iterations_redone_after_kill: the iteration the server's latest heartbeat showed at
 * the kill (we kill within 50 ms of a fresh heartbeat) minus the checkpoint the next
 * attempt resumed from; seconds_redone_after_kill: the training time those iterations
 * cost, from the kill back to when that checkpoint was written.
 * event_loop_delay_p99_ms: the training worker's main event loop, measured by the
 * preloaded probe over 10 s of this job's training (lutSize 65, the heaviest).
 */
import { type TrainingActivityFacts } from '../src/jobs/describe-job.ts';
import { type Component, SECOND_TRAINING } from '../test/harness/components.ts';
import { type BenchStack, type ProbeReading } from './stack.ts';
import { type LongJob, submitLongJob, until } from './long-job.ts';

/** One SIGKILL of the worker running the job, and how the job came back. */
export interface KillOutcome {
  /** Kill → the next attempt started on some worker. */
  runningAgainAfterS: number;
  /** Kill → the server gave up on the attempt (heartbeat timeout). */
  noticedAfterS: number;
  /** Kill → the next attempt's first heartbeat past the checkpoint it resumed from. */
  firstProgressAfterS: number;
  /** Kill → the restarted worker polling again (null when it was not restarted). */
  workerServingAfterS: number | null;
  iterationsRedone: number;
  secondsRedone: number;
  heartbeatIterationAtKill: number;
  resumedFrom: number;
}

export interface RecoveryResult extends KillOutcome {
  /** The headline: a second training worker was idle, as in any deployment with two. */
  recoveryAfterKillS: number;
  /** The only training worker, restarted at once (as a supervisor would; peers are measured so). */
  restartOnly: KillOutcome;
  eventLoop: ProbeReading;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function recoveryAfterKill(stack: BenchStack): Promise<RecoveryResult> {
  const { cluster } = stack;
  const job = await submitLongJob(stack, 'recovery');
  const { training } = job;
  await until(
    'training to start',
    60_000,
    200,
    async () => ((await training())?.heartbeat?.iteration ?? 0) >= 3 || undefined,
  );

  await stack.probe('training'); // starts the interval
  await sleep(10_000);
  const eventLoop = await stack.probe('training');

  // A spare training worker joins; the job stays where it runs.
  cluster.start(SECOND_TRAINING);
  await cluster.waitServing(SECOND_TRAINING, 60_000);
  const spare = await killDuringTraining(stack, job, 'training', false);
  // Now the job runs on the spare, the only training worker left: kill it and restart it at once.
  const restartOnly = await killDuringTraining(stack, job, SECOND_TRAINING, true);
  await job.cancel();
  // Later sections expect the usual layout: one training worker, named `training`.
  await cluster.kill(SECOND_TRAINING);
  cluster.start('training');
  await cluster.waitServing('training', 60_000);
  return { ...spare, recoveryAfterKillS: spare.runningAgainAfterS, restartOnly, eventLoop };
}

/** SIGKILLs `victim` right after a fresh heartbeat and follows the job until it trains again. */
async function killDuringTraining(
  stack: BenchStack,
  job: LongJob,
  victim: Component,
  restart: boolean,
): Promise<KillOutcome> {
  const { cluster } = stack;
  const { training } = job;
  let previous = (await training())?.heartbeat?.iteration;
  const fresh = await until('a fresh heartbeat', 15_000, 50, async () => {
    const t = await training();
    const it = t?.heartbeat?.iteration;
    if (t?.state === 'started' && it !== undefined && it !== previous) return t;
    previous = it;
    return undefined;
  });
  const { killedAt } = await cluster.kill(victim);
  if (restart) cluster.start(victim);
  const serving = restart ? cluster.waitServing(victim, 60_000) : Promise.resolve(null);
  const latest = await job.latestCheckpoint();
  const after = (pred: (t: TrainingActivityFacts) => boolean) => async () => {
    const t = await training();
    return t && t.attempt > fresh.attempt && pred(t) ? Date.now() : undefined;
  };
  const noticed = await until(
    'the server to give up on the attempt',
    90_000,
    50,
    after(() => true),
  );
  const next = await until(
    'the next attempt',
    90_000,
    50,
    after((t) => t.state === 'started'),
  );
  const progressed = await until(
    'progress after the kill',
    60_000,
    100,
    after((t) => (t.heartbeat?.iteration ?? 0) > latest.iteration),
  );
  const servingAt = await serving;
  return {
    runningAgainAfterS: (next - killedAt) / 1000,
    noticedAfterS: (noticed - killedAt) / 1000,
    firstProgressAfterS: (progressed - killedAt) / 1000,
    workerServingAfterS: servingAt === null ? null : (servingAt - killedAt) / 1000,
    iterationsRedone: fresh.heartbeat!.iteration - latest.iteration,
    secondsRedone: (killedAt - Date.parse(latest.createdAt)) / 1000,
    heartbeatIterationAtKill: fresh.heartbeat!.iteration,
    resumedFrom: latest.iteration,
  };
}
