/** /metrics: Prometheus text with request histograms by route pattern and submissions by outcome. */
import { describe, expect, it } from 'vitest';
import { createJob, postJson } from '../helpers/api-client.ts';
import { useGateway, useHarness } from '../helpers/use-stack.ts';

const h = useHarness();
const gw = useGateway(h);

describe('GET /metrics', () => {
  it('counts requests by route pattern (never raw ids) and submissions by outcome', async () => {
    const job = await createJob(gw);
    await gw.fetch(`/v1/trainings/${job.id}`);
    await gw.fetch('/v1/trainings/does-not-exist');
    await postJson(gw, '/v1/trainings', { styleName: 'x' });
    const res = await gw.fetch('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(
      /atelier_http_request_duration_seconds_count\{method="GET",route="\/v1\/trainings\/:id",status="200"\} 1/,
    );
    expect(text).toMatch(
      /atelier_http_request_duration_seconds_count\{method="GET",route="\/v1\/trainings\/:id",status="404"\} 1/,
    );
    expect(text).toMatch(/atelier_jobs_submitted_total\{outcome="created",api="v1"\} 1/);
    expect(text).toMatch(/atelier_jobs_submitted_total\{outcome="rejected",api="v1"\} 1/);
    expect(text).not.toContain(job.id);
    expect(text).toMatch(/atelier_gateway_process_cpu_seconds_total/);
  });
});
