/**
 * Gauges of the job census (src/jobs/job-census.ts), computed when Prometheus scrapes:
 * running jobs by phase and the queue depth per tenant. Tenant is the only label of
 * unbounded origin, and its values are bounded by the tenants a deployment has; a tenant
 * once seen (with a running job) keeps a series, 0 when nothing waits, so its line never
 * just vanishes.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { type createJobCensus, type JobCensus } from '../jobs/job-census.ts';

export function registerJobMetrics(registry: Registry, census: ReturnType<typeof createJobCensus>): void {
  const failures = new Counter({
    name: 'atelier_job_census_failures_total',
    help: 'Scrapes whose job census (Temporal visibility) failed; the job gauges then keep their last values',
    registers: [registry],
  });
  // A failed census must not fail the whole scrape (the other metrics matter most then).
  const take = async (): Promise<JobCensus | null> => {
    try {
      return await census.take();
    } catch {
      failures.inc();
      return null;
    }
  };
  new Gauge({
    name: 'atelier_jobs',
    help: 'Running training jobs by phase (Temporal visibility, this deployment’s task queue)',
    labelNames: ['phase'] as const,
    registers: [registry],
    async collect() {
      const c = await take();
      if (c) for (const [phase, n] of c.byPhase) this.set({ phase }, n);
    },
  });
  const tenants = new Set<string>();
  new Gauge({
    name: 'atelier_queue_depth',
    help: 'Jobs waiting for a training slot (queued, training never started), per tenant',
    labelNames: ['tenant'] as const,
    registers: [registry],
    async collect() {
      const c = await take();
      if (!c) return;
      for (const tenant of c.waitingByTenant.keys()) tenants.add(tenant);
      for (const tenant of tenants) this.set({ tenant }, c.waitingByTenant.get(tenant) ?? 0);
    },
  });
  new Gauge({
    name: 'atelier_job_census_truncated',
    help: '1 when the last census stopped at its scan limit (the job gauges are then lower bounds)',
    registers: [registry],
    async collect() {
      const c = await take();
      if (c) this.set(c.truncated ? 1 : 0);
    },
  });
}
