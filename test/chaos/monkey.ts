/**
 * Carries out the kill schedule, one kill at a time: SIGKILL the member, keep it down
 * for a moment, start it on the same database and data dir, then time
 *   kill → serving again (readiness.ts) → first progress that needs this member.
 * A training worker is killed while it is actually training, and the gateway while a
 * submission is on the wire (waiting at most a few seconds for either), otherwise the
 * kill would prove little: a lost response is what idempotent retries are for.
 */
import { type Cluster } from '../harness/cluster.ts';
import { type Component, isTraining } from '../harness/components.ts';
import { type PlannedKill } from './kill-schedule.ts';
import { type ProgressKind, type ProgressTracker } from './progress.ts';

export interface KillRecord {
  n: number;
  component: Component;
  pid: number;
  /** Milliseconds since the start of the load. */
  killedAtMs: number;
  killedAt: number;
  downMs: number;
  newPid?: number;
  servingAfterMs: number | null;
  firstProgressAfterMs: number | null;
  progressKind: ProgressKind;
  /** Training kills: the job that was training, and when it moved on again (filled in at the end). */
  interruptedJob?: { jobId: string; resumedAfterMs: number | null };
  /** Gateway kills: submissions on the wire at the kill. */
  submitsInFlightAtKill?: number;
  /** Unfinished acknowledged jobs when the member served again (0: progress also waited for new work). */
  openJobsAtServing?: number;
  note?: string;
}

export interface MonkeyContext {
  cluster: Cluster;
  progress: ProgressTracker;
  loadStartedAt: number;
  /** No kill starts after this time. */
  killUntil: number;
  /** True once no client is left (nothing could progress any more). */
  idle(): boolean;
  /** Acknowledged jobs not closed yet: with none, progress also waits for new work to arrive. */
  openJobs(): number;
  submitsInFlight(): number;
  say(msg: string): void;
  servingTimeoutMs: number;
  progressTimeoutMs: number;
}

/** Progress that proves the killed member works again. */
export const PROGRESS_NEEDING: Record<Component, ProgressKind> = {
  training: 'checkpoint',
  'training-2': 'checkpoint',
  orchestration: 'milestone',
  temporal: 'milestone',
  gateway: 'gateway',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** Waits (bounded) for a moment when `ready` holds; returns whether it did. */
async function until(ready: () => boolean, maxWaitMs: number): Promise<boolean> {
  const deadline = Date.now() + maxWaitMs;
  while (!ready()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/**
 * The job that wrote a checkpoint in the last 400 ms: a training is running right now.
 * With two training workers (multi-host) it may be the other worker's job, so the
 * "interrupted job resumed" figure is then a lower bound (reported, never asserted).
 */
const trainingNow = (ctx: MonkeyContext) =>
  ctx.progress.events.filter((e) => e.kind === 'checkpoint' && e.at > Date.now() - 400).at(-1)?.jobId;

async function killOnce(n: number, plan: PlannedKill, ctx: MonkeyContext): Promise<KillRecord> {
  const { cluster, progress } = ctx;
  if (isTraining(plan.component)) await until(() => trainingNow(ctx) !== undefined, 8_000);
  if (plan.component === 'gateway') await until(() => ctx.submitsInFlight() > 0, 8_000);
  const training = isTraining(plan.component) ? trainingNow(ctx) : undefined;
  const inFlight = ctx.submitsInFlight();
  const { pid, killedAt } = await cluster.kill(plan.component);
  const rec: KillRecord = {
    n,
    component: plan.component,
    pid,
    killedAt,
    killedAtMs: killedAt - ctx.loadStartedAt,
    downMs: plan.downMs,
    servingAfterMs: null,
    firstProgressAfterMs: null,
    progressKind: PROGRESS_NEEDING[plan.component],
    interruptedJob: training ? { jobId: training, resumedAfterMs: null } : undefined,
    submitsInFlightAtKill: plan.component === 'gateway' ? inFlight : undefined,
  };
  ctx.say(`kill #${n}: ${plan.component} (pid ${pid}) at +${(rec.killedAtMs / 1000).toFixed(1)} s`);
  await sleep(plan.downMs);
  rec.newPid = cluster.start(plan.component).pid;
  try {
    rec.servingAfterMs = (await cluster.waitServing(plan.component, ctx.servingTimeoutMs)) - killedAt;
  } catch (err) {
    rec.note = `not serving within ${ctx.servingTimeoutMs} ms: ${(err as Error).message.slice(0, 300)}`;
    return rec;
  }
  const servingAt = killedAt + rec.servingAfterMs;
  rec.openJobsAtServing = ctx.openJobs();
  const hit = await progress.waitFor([rec.progressKind], servingAt, ctx.progressTimeoutMs, ctx.idle);
  if (hit === 'idle') rec.note = 'idle: every client had finished, so no progress was due';
  else if (hit) rec.firstProgressAfterMs = hit.at - killedAt;
  else rec.note = `no ${rec.progressKind} progress within ${ctx.progressTimeoutMs} ms of serving again`;
  ctx.say(
    `  ${plan.component} serving after ${rec.servingAfterMs} ms, progress after ${rec.firstProgressAfterMs ?? rec.note} ms`,
  );
  return rec;
}

export async function runKills(plan: PlannedKill[], ctx: MonkeyContext): Promise<KillRecord[]> {
  const records: KillRecord[] = [];
  for (const [i, step] of plan.entries()) {
    await sleep(step.gapMs);
    if (Date.now() > ctx.killUntil) break;
    records.push(await killOnce(i + 1, step, ctx));
  }
  return records;
}

/** After the run: when each interrupted training moved on again (a checkpoint of that job). */
export function fillResumes(records: KillRecord[], progress: ProgressTracker): void {
  for (const r of records) {
    if (!r.interruptedJob) continue;
    const next = progress.firstAfter(['checkpoint'], r.killedAt, r.interruptedJob.jobId);
    r.interruptedJob.resumedAfterMs = next ? next.at - r.killedAt : null;
  }
}
