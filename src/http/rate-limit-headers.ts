/**
 * The rate-limit fields of submission responses, in the form of
 * draft-ietf-httpapi-ratelimit-headers-06 (https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/06/):
 * `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (delay-seconds) and
 * `RateLimit-Policy` (`<quota>;w=<window>`). That form, not the later combined
 * `RateLimit: …;r=;t=` of drafts 07+, because it is what most clients and proxies parse
 * today. One place builds them, for the 202s and the 429s alike.
 *
 * A token bucket maps onto it as: limit = the bucket's capacity (burst), remaining =
 * whole tokens left, reset = seconds until the bucket is full again, policy window =
 * seconds a full bucket takes to refill.
 */
import { type SubmissionQuota } from '../jobs/admit-submission.ts';

export function rateLimitHeaders(quota: SubmissionQuota | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const rate = quota?.rate;
  if (rate) {
    headers['ratelimit-limit'] = String(rate.limit);
    headers['ratelimit-remaining'] = String(rate.remaining);
    headers['ratelimit-reset'] = String(rate.resetSeconds);
    headers['ratelimit-policy'] = `${rate.limit};w=${rate.windowSeconds}`;
  }
  if (quota?.retryAfterSeconds !== undefined) headers['retry-after'] = String(quota.retryAfterSeconds);
  return headers;
}
