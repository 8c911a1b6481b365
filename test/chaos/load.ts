/**
 * The load generator: one client per job, each behaving like a real API user —
 * submit with an Idempotency-Key (retrying the very same request on errors and
 * timeouts), maybe repeat it after the acknowledgement, maybe cancel or pause and
 * resume it, and poll GET /v1/trainings/{id} until the job is finished. Everything it
 * saw is recorded.
 */
import { fetchWithRetry, type HttpAnswer, type RetryStats } from './http-retry.ts';
import { type JobSpec } from './job-specs.ts';

export interface ClientRecord {
  index: number;
  idempotencyKey: string;
  jobId?: string;
  firstSentAt?: number;
  ackedAt?: number;
  /** The acknowledgement itself was a replay: an earlier attempt had reached the server. */
  ackWasReplay?: boolean;
  resend?: { status: number; sameJob: boolean; replayed: boolean };
  cancel?: { requestedAt: number; status: number | null };
  pause?: { pauseStatus: number | null; resumeStatus: number | null };
  lastSeen?: { status: string; phase: string; at: number };
  /** Answers a correct server never gives to these requests (e.g. 4xx to a valid body). */
  unexpected: string[];
  gaveUp?: 'submit' | 'poll';
}

export interface LoadContext {
  gatewayUrl: string;
  loadStartedAt: number;
  /** Clients give up submitting after this long (a violation: the API stayed unavailable). */
  submitBudgetMs: number;
  /** Absolute time after which clients stop polling. */
  pollDeadline: number;
  stats: RetryStats;
  /** Submissions on the wire right now. */
  submitsInFlight: { n: number };
  onAnswer(answer: HttpAnswer): void;
  onAck(record: ClientRecord): void;
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const ATTEMPT_TIMEOUT_MS = 20_000;

type Job = { id: string; status: string; phase: string };

function post(spec: JobSpec): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': spec.idempotencyKey },
    body: JSON.stringify(spec.body),
  };
}

async function submit(spec: JobSpec, ctx: LoadContext, rec: ClientRecord): Promise<boolean> {
  const opts = {
    attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
    stats: ctx.stats,
    onAnswer: ctx.onAnswer,
    inFlight: ctx.submitsInFlight,
  };
  rec.firstSentAt = Date.now();
  const ack = await fetchWithRetry(`${ctx.gatewayUrl}/v1/trainings`, post(spec), {
    ...opts,
    deadline: rec.firstSentAt + ctx.submitBudgetMs,
  });
  if (!ack) return ((rec.gaveUp = 'submit'), false);
  if (ack.status !== 202)
    return (
      rec.unexpected.push(`submit answered ${ack.status}: ${JSON.stringify(ack.body).slice(0, 300)}`),
      false
    );
  rec.jobId = (ack.body as Job).id;
  rec.ackedAt = ack.at;
  rec.ackWasReplay = ack.headers.get('idempotent-replayed') === 'true';
  ctx.onAck(rec);
  if (spec.resendAfterAck) {
    const again = await fetchWithRetry(`${ctx.gatewayUrl}/v1/trainings`, post(spec), {
      ...opts,
      deadline: Date.now() + ctx.submitBudgetMs,
    });
    if (again) {
      rec.resend = {
        status: again.status,
        sameJob: (again.body as Job)?.id === rec.jobId,
        replayed: again.headers.get('idempotent-replayed') === 'true',
      };
      if (again.status !== 202 || !rec.resend.sameJob || !rec.resend.replayed)
        rec.unexpected.push(`repeated submission: ${JSON.stringify(rec.resend)}`);
    }
  }
  return true;
}

/** POSTs a job action with retries; 409 (the job had already finished) is a correct answer too. */
async function act(
  ctx: LoadContext,
  rec: ClientRecord,
  action: 'cancel' | 'pause' | 'resume',
): Promise<number | null> {
  const res = await fetchWithRetry(
    `${ctx.gatewayUrl}/v1/trainings/${rec.jobId}/${action}`,
    { method: 'POST' },
    {
      attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
      deadline: Date.now() + ctx.submitBudgetMs,
      stats: ctx.stats,
      onAnswer: ctx.onAnswer,
    },
  );
  if (res && res.status !== 202 && res.status !== 409)
    rec.unexpected.push(`${action} answered ${res.status}`);
  if (!res) rec.unexpected.push(`${action} never answered`);
  return res?.status ?? null;
}

async function cancelLater(spec: JobSpec, ctx: LoadContext, rec: ClientRecord): Promise<void> {
  await sleep(spec.cancelAfterMs!);
  const requestedAt = Date.now();
  rec.cancel = { requestedAt, status: await act(ctx, rec, 'cancel') };
}

async function pauseAndResume(spec: JobSpec, ctx: LoadContext, rec: ClientRecord): Promise<void> {
  await sleep(spec.pause!.afterMs);
  const pauseStatus = await act(ctx, rec, 'pause');
  await sleep(spec.pause!.forMs);
  rec.pause = { pauseStatus, resumeStatus: await act(ctx, rec, 'resume') };
}

async function pollUntilFinished(ctx: LoadContext, rec: ClientRecord): Promise<void> {
  const opts = {
    attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
    deadline: ctx.pollDeadline,
    stats: ctx.stats,
    onAnswer: ctx.onAnswer,
  };
  while (Date.now() < ctx.pollDeadline) {
    const res = await fetchWithRetry(`${ctx.gatewayUrl}/v1/trainings/${rec.jobId}`, {}, opts);
    if (res?.status === 200) {
      const job = res.body as Job;
      rec.lastSeen = { status: job.status, phase: job.phase, at: res.at };
      if (TERMINAL.has(job.status)) return;
    } else if (res) rec.unexpected.push(`GET answered ${res.status}`);
    await sleep(800 + Math.random() * 700);
  }
  rec.gaveUp = 'poll';
}

export async function runClient(spec: JobSpec, ctx: LoadContext): Promise<ClientRecord> {
  const rec: ClientRecord = { index: spec.index, idempotencyKey: spec.idempotencyKey, unexpected: [] };
  await sleep(ctx.loadStartedAt + spec.submitAtMs - Date.now());
  if (!(await submit(spec, ctx, rec))) return rec;
  await Promise.all([
    spec.cancelAfterMs !== undefined ? cancelLater(spec, ctx, rec) : undefined,
    spec.pause ? pauseAndResume(spec, ctx, rec) : undefined,
    pollUntilFinished(ctx, rec),
  ]);
  return rec;
}
