/**
 * Every series the dashboard and the alert rules query is exported by a running stack.
 * The stack is what docker-compose.yml runs, as local processes: a Temporal dev server with
 * its metrics endpoint on, an orchestration worker, a training worker and the gateway. Each
 * scrape job of deploy/prometheus/prometheus.yml is mapped to the local process of its
 * compose service, and every one is scraped (a job with no mapping fails the test).
 *
 * One job runs, made to produce what the panels show: a webhook to a closed port (activity
 * failures: deliverWebhook fails and retries), and its training worker SIGKILLed mid-training
 * (a heartbeat timeout on the server; a second training worker finishes the job from its
 * checkpoint); last, Temporal is stopped so the gateway answers a 503 (the 5xx panel and
 * alert). Then, for each selector of each expression (parsed by Prometheus's grammar,
 * see test/harness/promql-selectors.ts), some scraped sample must be one it selects: the
 * name and its label matchers (`timeout_type="Heartbeat"`, the task queue regexes), not
 * just the name. Scrapes accumulate, as Prometheus's storage does: one while the job trains,
 * then until the counters are in, then the gateway's after the 503.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { startDevServer, type DevServer } from '../../src/temporal/dev-server.ts';
import { photoPng } from '../harness/images.ts';
import { samplesOf, selectorsOf, selects, type Sample, type Selector } from '../harness/promql-selectors.ts';
import { freePorts } from '../helpers/free-port.ts';
import { pollUntil } from '../helpers/poll.ts';
import { startAtelierProcess, startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.ts';

const deploy = (p: string) => fileURLToPath(new URL(`../../deploy/${p}`, import.meta.url));

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  static_configs?: { targets: string[] }[];
  dns_sd_configs?: { names: string[] }[];
}
const prometheusConfig = parse(readFileSync(deploy('prometheus/prometheus.yml'), 'utf8')) as {
  scrape_configs: ScrapeConfig[];
};
const alertRules = parse(readFileSync(deploy('prometheus/alerts.yml'), 'utf8')) as {
  groups: { rules: { alert: string; expr: string }[] }[];
};
const dashboard = JSON.parse(readFileSync(deploy('grafana/atelier-dashboard.json'), 'utf8')) as {
  panels: { title: string; targets: { expr: string }[] }[];
};

/** Every expression, named by where it comes from. */
const expressions = [
  ...dashboard.panels.flatMap((p) => p.targets.map((t) => ({ where: `panel "${p.title}"`, expr: t.expr }))),
  ...alertRules.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr }))),
];

// Series Prometheus makes itself for each target (never exported by a process).
const SYNTHETIC = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);

describe('the dashboard and the alert rules against a running stack', () => {
  const procs: WorkerProcess[] = [];
  let server: DevServer | undefined;
  let dataDir = '';
  const ports = { temporal: 0, temporalMetrics: 0, gateway: 0, orchestration: 0, training: 0, closed: 0 };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'atelier-observability-'));
    // All at once: ports picked one by one can repeat (each is released before the next pick).
    const keys = Object.keys(ports) as (keyof typeof ports)[];
    const picked = await freePorts(keys.length);
    keys.forEach((k, i) => (ports[k] = picked[i]));
    server = await startDevServer({
      cliPath: inject('temporalCliPath'),
      dataDir,
      port: ports.temporal,
      metricsPort: ports.temporalMetrics,
      dbFile: ':memory:',
    });
  });
  afterAll(async () => {
    for (const p of procs.reverse()) if (p.child.exitCode === null) await p.kill('SIGTERM');
    await server?.stop(5_000);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('finds every series it queries in the scrapes of every endpoint Prometheus scrapes', async () => {
    // The real task queue names (no suffix): the rules match them by name. Own server, no clash.
    const target = { address: server!.address, dataDir, storageEnv: {}, suffix: '' };
    const env = {
      HEARTBEAT_TIMEOUT_MS: '1000',
      LOG_FORMAT: 'json',
      ATELIER_WEBHOOK_ALLOW_PRIVATE: '1',
      ATELIER_WEBHOOK_ALLOW_HTTP: '1',
    };
    const trainingWorker = () =>
      startWorkerProcess(target, 'training', { ...env, WORKER_METRICS_PORT: String(ports.training) });
    procs.push(
      await startWorkerProcess(target, 'orchestration', {
        ...env,
        WORKER_METRICS_PORT: String(ports.orchestration),
      }),
    );
    const firstTrainer = await trainingWorker();
    procs.push(firstTrainer);
    procs.push(
      await startAtelierProcess(target, ['gateway'], 'gateway listening', {
        ...env,
        PORT: String(ports.gateway),
      }),
    );
    const api = `http://127.0.0.1:${ports.gateway}`;

    // Each compose service of the scrape config, as the local process standing in for it.
    const local: Record<string, number> = {
      gateway: ports.gateway,
      'worker-orchestration': ports.orchestration,
      'worker-training': ports.training,
      temporal: ports.temporalMetrics,
    };
    const endpoints = prometheusConfig.scrape_configs.flatMap((c) => {
      const services = [
        ...(c.static_configs ?? []).flatMap((s) => s.targets.map((t) => t.split(':')[0])),
        ...(c.dns_sd_configs ?? []).flatMap((d) => d.names),
      ];
      return services.map((service) => {
        expect(local, `scrape job ${c.job_name}: no local process for ${service}`).toHaveProperty(service);
        return `http://127.0.0.1:${local[service]}${c.metrics_path ?? '/metrics'}`;
      });
    });
    expect(endpoints).toHaveLength(4);

    // One job, slow enough to be caught training (lutSize 65), with a webhook nobody answers.
    const form = new FormData();
    form.set('image', new Blob([await photoPng(160, 120)], { type: 'image/png' }), 'ref.png');
    form.set('styleName', 'Observed');
    form.set('baseModel', 'color-lut');
    form.set('params', JSON.stringify({ iterations: 40, lutSize: 65, patience: 100 }));
    form.set('webhook', JSON.stringify({ url: `http://127.0.0.1:${ports.closed}/hook` }));
    const submitted = await fetch(`${api}/v1/trainings`, { method: 'POST', body: form });
    expect(submitted.status, await submitted.clone().text()).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const job = async () =>
      (await (await fetch(`${api}/v1/trainings/${id}`)).json()) as {
        phase: string;
        progress: { iteration: number } | null;
      };

    // Samples of every scrape so far, as Prometheus would have stored them.
    const seen: Sample[] = [];
    const scrape = async (urls: string[]) => {
      for (const url of urls) {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        seen.push(...samplesOf(await res.text()));
      }
    };
    const selectors = expressions.flatMap(({ where, expr }) =>
      selectorsOf(expr).map((selector) => ({ where, selector })),
    );
    const checked = selectors.filter(({ selector }) => !SYNTHETIC.has(selector.metric));
    expect(new Set(checked.map((c) => c.selector.metric)).size).toBeGreaterThanOrEqual(10);
    const missing = () =>
      checked
        .filter(({ selector }) => !seen.some((s) => selects(selector, s)))
        .map(({ where, selector }: { where: string; selector: Selector }) => `${where}: ${selector.text}`);

    await pollUntil(job, (j) => (j.progress?.iteration ?? 0) >= 2, {
      what: 'the job training',
      timeoutMs: 120_000,
      intervalMs: 100,
    });
    await scrape(endpoints); // a scrape while the job trains (the census sees its tenant)
    await firstTrainer.kill('SIGKILL');
    procs.push(await trainingWorker());
    await pollUntil(job, (j) => j.phase === 'succeeded', {
      what: 'the job succeeded after its training worker was killed',
      timeoutMs: 240_000,
      intervalMs: 500,
    });
    // Counters appear with their first event (a delivery's failure is reported when the
    // attempt ends; the server counts the timeout when its timer fires): scrape until the
    // rest is there, or give up with what is missing.
    const waitStarted = Date.now();
    await pollUntil(
      async () => {
        await scrape(endpoints);
        return missing().filter((m) => !m.includes('status=~"5.."'));
      },
      (m) => m.length === 0,
      { what: 'every queried series present', timeoutMs: 60_000, intervalMs: 1_000 },
    ).catch(() => console.log(`not all series after 60 s; checking after the 503: ${missing().join('; ')}`));

    console.log(`counters present ${Date.now() - waitStarted} ms after the job succeeded`);
    // Last, a 5xx: Temporal stops, the gateway answers 503, and its next scrape shows it.
    await server!.stop(5_000);
    expect((await fetch(`${api}/v1/trainings/${id}`)).status).toBe(503);
    await scrape([`http://127.0.0.1:${ports.gateway}/metrics`]);
    expect(missing()).toEqual([]);
  }, 420_000);
});
