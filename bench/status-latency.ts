/**
 * status_get_p50_ms: GET /v1/trainings/{id} at concurrency 20, round-robin over the
 * given jobs. The answer is built from Temporal's describe (plus, for a waiting job,
 * its queue place from visibility; for a finished one, the artifact list).
 */
import { summarize, timedConcurrent, type Summary } from './stats.ts';
import { CONCURRENCY } from './submit-latency.ts';

export async function statusLatency(
  gatewayUrl: string,
  jobIds: string[],
  requests: number,
): Promise<Summary> {
  const get = async (i: number) => {
    const res = await fetch(`${gatewayUrl}/v1/trainings/${jobIds[i % jobIds.length]}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET answered ${res.status}`);
  };
  await timedConcurrent(40, CONCURRENCY, get);
  return summarize(await timedConcurrent(requests, CONCURRENCY, get));
}
