/**
 * Per-tenant limits as data and pure arithmetic: the submission rate (a token bucket)
 * and the ledger of a tenant's active jobs. The admission workflow holds both
 * (tenant-admission.ts); the gateway parses the settings with the same code
 * (src/config.ts), so a rate is spelled and understood in one place.
 *
 * Times are milliseconds passed in by the caller: inside the workflow that is the
 * workflow clock, so replay gives the same decisions.
 */

/** `ATELIER_TENANT_RATE`: `tokens` per `periodSeconds`, at most `burst` at once. */
export interface RateLimitSpec {
  tokens: number;
  periodSeconds: number;
  burst: number;
}

export interface TenantLimits {
  /** Queued + running training jobs per tenant (a pack counts its unfinished styles); null = no cap. */
  maxActive: number | null;
  rate: RateLimitSpec | null;
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;
export const RATE_SPEC_PATTERN = /^\s*([1-9][0-9]{0,5})\s*\/\s*([smh])\s*(?:,\s*([1-9][0-9]{0,5})\s*)?$/;
export const RATE_SPEC_HINT =
  'expected <count>/<s|m|h>[,<burst>], e.g. 10/m (10 per minute, bursts of 10) or 10/m,20';

/** `10/m` → 10 per 60 s, burst 10; `10/m,20` → burst 20. Null when the text is not a rate. */
export function parseRateSpec(text: string): RateLimitSpec | null {
  const m = RATE_SPEC_PATTERN.exec(text);
  if (!m) return null;
  const tokens = Number(m[1]);
  return {
    tokens,
    periodSeconds: UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS],
    burst: m[3] ? Number(m[3]) : tokens,
  };
}

export interface TokenBucket {
  tokens: number;
  atMs: number;
}

/** What a client is told about its rate (draft-ietf-httpapi-ratelimit-headers-06 fields). */
export interface RateLimitState {
  /** The bucket's capacity (RateLimit-Limit). */
  limit: number;
  /** Whole tokens left after this request (RateLimit-Remaining). */
  remaining: number;
  /** Seconds until the bucket is full again (RateLimit-Reset). */
  resetSeconds: number;
  /** Seconds a full bucket takes to refill from empty: the policy's window (`w`). */
  windowSeconds: number;
}

const perMs = (spec: RateLimitSpec) => spec.tokens / (spec.periodSeconds * 1000);

/** The bucket at `nowMs`: refilled since its last use, never above the burst; a new bucket is full. */
export function refill(bucket: TokenBucket | null, spec: RateLimitSpec, nowMs: number): TokenBucket {
  if (!bucket) return { tokens: spec.burst, atMs: nowMs };
  const elapsed = Math.max(0, nowMs - bucket.atMs);
  return { tokens: Math.min(spec.burst, bucket.tokens + elapsed * perMs(spec)), atMs: nowMs };
}

/** Takes one token if there is one. `retryAfterSeconds` (≥ 1) says when the next one will be there. */
export function takeToken(
  bucket: TokenBucket | null,
  spec: RateLimitSpec,
  nowMs: number,
): { bucket: TokenBucket; taken: boolean; state: RateLimitState; retryAfterSeconds: number } {
  const filled = refill(bucket, spec, nowMs);
  const taken = filled.tokens >= 1;
  const next = taken ? { ...filled, tokens: filled.tokens - 1 } : filled;
  const secondsFor = (tokens: number) => Math.ceil(Math.max(0, tokens) / perMs(spec) / 1000);
  return {
    bucket: next,
    taken,
    state: {
      limit: spec.burst,
      remaining: Math.floor(next.tokens),
      resetSeconds: secondsFor(spec.burst - next.tokens),
      windowSeconds: Math.ceil((spec.burst * spec.periodSeconds) / spec.tokens),
    },
    retryAfterSeconds: Math.max(1, secondsFor(1 - next.tokens)),
  };
}

/**
 * One admitted submission: a training job (weight 1) or a pack (weight = its styles not
 * yet finished), named by its workflow id. `admittedAtMs` lets an entry whose workflow
 * does not exist (yet) count for a grace period: the gateway starts it after admission.
 */
export interface LedgerEntry {
  workflowId: string;
  weight: number;
  admittedAtMs: number;
}

/** What the refresh activity learnt of one entry; `active` absent = unknown (keep the weight). */
export interface EntryObservation {
  workflowId: string;
  state: 'running' | 'closed' | 'missing';
  active?: number;
}

/** How long an admitted entry whose workflow is not found still counts (the gateway is starting it). */
export const MISSING_GRACE_MS = 60_000;

export const ledgerWeight = (entries: readonly LedgerEntry[]) => entries.reduce((n, e) => n + e.weight, 0);

/** The ledger after a refresh: closed entries leave, missing ones leave after the grace period. */
export function applyObservations(
  entries: readonly LedgerEntry[],
  observed: readonly EntryObservation[],
  nowMs: number,
): LedgerEntry[] {
  const byId = new Map(observed.map((o) => [o.workflowId, o]));
  const out: LedgerEntry[] = [];
  for (const e of entries) {
    const o = byId.get(e.workflowId);
    if (!o) out.push(e);
    else if (o.state === 'running') {
      const weight = o.active ?? e.weight;
      if (weight > 0) out.push({ ...e, weight });
    } else if (o.state === 'missing' && nowMs - e.admittedAtMs < MISSING_GRACE_MS) out.push(e);
  }
  return out;
}
