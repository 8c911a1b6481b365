/**
 * The state of one tenant's admission workflow and its handlers (the samples'
 * safe-message-handlers shape): a token bucket for the submission rate and a ledger of
 * the submissions that hold slots. Two gateways asking at once can never both take the
 * last slot: a workflow runs one activation at a time and each check-and-add happens
 * within one (nothing is awaited between reading the count and adding the entry). The
 * lock on top keeps admissions in arrival order and runs their refresh activities one
 * at a time (a waiting update often finds the bound low enough to need none).
 *
 * The ledger is an upper bound of the tenant's active jobs: entries only leave when the
 * workflow learns, from Temporal itself, that their workflow closed. It asks only when
 * the bound says "full" (refreshAdmissions: describe each entry, count a pack's
 * unfinished styles), so below the cap an admission is one workflow task and no
 * activity. The first capped admission also reads the tenant's running jobs from
 * visibility once, so jobs started before the cap existed count too.
 */
import {
  ActivityCancellationType,
  condition,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { PERMANENT_FAILURE_TYPES } from './failures.ts';
import {
  admissionStateQuery,
  admitSubmissionUpdate,
  type AdmissionDecision,
  type AdmitSubmissionInput,
} from './tenant-admission-messages.ts';
import {
  AdmitSubmissionInputSchema,
  type TenantAdmissionInput,
  type TenantAdmissionState,
} from './tenant-admission-schemas.ts';
import { describeIssues } from './contract-schemas.ts';
import {
  applyObservations,
  ledgerWeight,
  takeToken,
  type LedgerEntry,
  type RateLimitState,
  type TokenBucket,
} from './tenant-limits.ts';

const { refreshAdmissions } = proxyActivities<ReturnType<typeof createActivities>>({
  // The gateway waits for the answer (its Temporal deadline is 10 s): fail fast, refuse on failure.
  startToCloseTimeout: '10s',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: {
    initialInterval: '500ms',
    maximumAttempts: 3,
    nonRetryableErrorTypes: [...PERMANENT_FAILURE_TYPES],
  },
});

/** No estimate of when a job ends is honest; this is a polite pause before asking again. */
export const ACTIVE_LIMIT_RETRY_AFTER_SECONDS = 30;
/** Admissions per run before continue-as-new (each adds a handful of history events). */
export const ADMISSIONS_PER_RUN = 500;

export class TenantAdmission {
  private bucket: TokenBucket | null;
  private entries: LedgerEntry[];
  private discovered: boolean;
  private busy = false;
  admissions = 0;

  constructor(private readonly input: TenantAdmissionInput) {
    this.bucket = input.state?.bucket ?? null;
    this.entries = input.state?.entries ?? [];
    this.discovered = input.state?.discovered ?? false;
  }

  get shouldContinueAsNew(): boolean {
    return this.admissions >= (this.input.admissionsPerRun ?? ADMISSIONS_PER_RUN);
  }

  snapshot(): TenantAdmissionState {
    return { bucket: this.bucket, entries: this.entries, discovered: this.discovered };
  }

  registerHandlers(): void {
    setHandler(admitSubmissionUpdate, (req) => this.serialised(() => this.admit(req)), {
      validator: (req) => {
        const parsed = AdmitSubmissionInputSchema.safeParse(req);
        if (!parsed.success)
          throw new Error(`invalid admitSubmission input: ${describeIssues(parsed.error)}`);
      },
    });
    setHandler(admissionStateQuery, () => ({
      tenantId: this.input.tenantId,
      entries: this.entries,
      tokens: this.bucket?.tokens ?? null,
    }));
  }

  private async serialised<T>(fn: () => Promise<T>): Promise<T> {
    await condition(() => !this.busy);
    this.busy = true;
    try {
      return await fn();
    } finally {
      this.busy = false;
    }
  }

  private async admit(req: AdmitSubmissionInput): Promise<AdmissionDecision> {
    this.admissions++;
    let rate: RateLimitState | undefined;
    // Every submission that reaches the check spends a token, refused by the cap or not:
    // so a client retrying against a full cap is slowed by the rate too.
    if (req.rate) {
      const t = takeToken(this.bucket, req.rate, Date.now());
      this.bucket = t.bucket;
      rate = t.state;
      if (!t.taken)
        return {
          admitted: false,
          refusal: 'tenant_rate_limited',
          retryAfterSeconds: t.retryAfterSeconds,
          rate,
        };
    }
    const { maxActive } = req;
    if (maxActive === null) return { admitted: true, rate };
    // The same submission again (a retry, an idempotent replay) holds its slot already.
    if (this.entries.some((e) => e.workflowId === req.workflowId))
      return { admitted: true, rate, active: ledgerWeight(this.entries), maxActive };
    if (!this.discovered || ledgerWeight(this.entries) + req.weight > maxActive) await this.refresh();
    const active = ledgerWeight(this.entries);
    if (active + req.weight > maxActive) {
      const retryAfterSeconds = ACTIVE_LIMIT_RETRY_AFTER_SECONDS;
      return { admitted: false, refusal: 'tenant_active_limit', retryAfterSeconds, rate, active, maxActive };
    }
    this.entries.push({ workflowId: req.workflowId, weight: req.weight, admittedAtMs: Date.now() });
    return { admitted: true, rate, active: active + req.weight, maxActive };
  }

  /** Drops what closed; on failure keeps the bound as it was (refusing is the safe side). */
  private async refresh(): Promise<void> {
    const discover = !this.discovered;
    try {
      const r = await refreshAdmissions({
        tenantId: this.input.tenantId,
        workflowIds: this.entries.map((e) => e.workflowId),
        discover,
      });
      const now = Date.now();
      this.entries = applyObservations(this.entries, r.observed, now);
      const held = new Set(this.entries.map((e) => e.workflowId));
      for (const workflowId of r.running)
        if (!held.has(workflowId)) this.entries.push({ workflowId, weight: 1, admittedAtMs: now });
      this.discovered ||= discover;
    } catch (err) {
      if (isCancellation(err)) throw err;
      log.warn('could not refresh the admission ledger; keeping its upper bound', { error: String(err) });
    }
  }
}
