/**
 * What a well-behaved API client does under failures: a timeout per attempt, retry on
 * network errors, timeouts, 408, 429 and 5xx with capped exponential backoff and
 * jitter, until a deadline. Other answers (2xx, 4xx) are returned to the caller,
 * which decides whether they are right.
 */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  at: number;
}

export interface RetryStats {
  attempts: number;
  /** Failed attempts by kind: network, timeout, http-503, … */
  failures: Record<string, number>;
}

export interface RetryOptions {
  attemptTimeoutMs: number;
  deadline: number;
  stats: RetryStats;
  /** Told about every answer the gateway gave (any status), for recovery timing. */
  onAnswer?(answer: HttpAnswer): void;
  /** Counts requests on the wire right now (lets the monkey kill the gateway mid-request). */
  inFlight?: { n: number };
}

const RETRY_STATUS = (s: number) => s === 408 || s === 429 || s >= 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function kindOf(err: unknown): string {
  const name = (err as Error)?.name;
  return name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network';
}

/** Returns the first non-retryable answer, or null once the deadline has passed. */
export async function fetchWithRetry(
  url: string,
  init: RequestInit,
  opts: RetryOptions,
): Promise<HttpAnswer | null> {
  for (let attempt = 0; Date.now() < opts.deadline; attempt++) {
    opts.stats.attempts += 1;
    let failure: string;
    if (opts.inFlight) opts.inFlight.n += 1;
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(opts.attemptTimeoutMs) });
      const text = await res.text();
      const answer: HttpAnswer = {
        status: res.status,
        headers: res.headers,
        body: text ? safeJson(text) : null,
        at: Date.now(),
      };
      opts.onAnswer?.(answer);
      if (!RETRY_STATUS(res.status)) return answer;
      failure = `http-${res.status}`;
    } catch (err) {
      failure = kindOf(err);
    } finally {
      if (opts.inFlight) opts.inFlight.n -= 1;
    }
    opts.stats.failures[failure] = (opts.stats.failures[failure] ?? 0) + 1;
    const backoff = Math.min(3_000, 200 * 2 ** attempt) * (0.5 + Math.random());
    await sleep(Math.min(backoff, Math.max(0, opts.deadline - Date.now())));
  }
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
