/**
 * The Prometheus files under deploy/prometheus, checked by Prometheus's own tool: the
 * config (with the rule files it names) and the rules parse, and the alerts that matter most
 * fire on the series they are written for — and stay quiet otherwise — in promtool's rule
 * unit tests. promtool comes from Debian's `prometheus` package, apt-installed on first use.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ensureAptPackage } from '../harness/apt-package.ts';

const run = promisify(execFile);
const PROMTOOL = '/usr/bin/promtool';
const promDir = fileURLToPath(new URL('../../deploy/prometheus/', import.meta.url));

const promtool = (args: string[]) =>
  run(PROMTOOL, args, { encoding: 'utf8' }).catch(
    (err: { stdout: string; stderr: string; code: number }) => err,
  );

describe('deploy/prometheus with promtool', () => {
  let tmp = '';
  beforeAll(async () => {
    await ensureAptPackage('prometheus', PROMTOOL, (m) => console.log(m));
    tmp = await mkdtemp(path.join(os.tmpdir(), 'atelier-promtool-'));
  }, 600_000);
  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('accepts the rules and the scrape config with its rule files', async () => {
    const rules = await promtool(['check', 'rules', path.join(promDir, 'alerts.yml')]);
    expect(rules.stdout + rules.stderr).toMatch(/SUCCESS: \d+ rules found/);
    expect('code' in rules ? rules.code : 0).toBe(0);
    const config = await promtool(['check', 'config', path.join(promDir, 'prometheus.yml')]);
    expect(config.stdout + config.stderr).toMatch(/is valid prometheus config file syntax/);
    expect('code' in config ? config.code : 0).toBe(0);
  });

  it('fires the alerts on the series they describe, and not otherwise', async () => {
    // promtool's rule unit tests: input series over time, the alerts expected at given times.
    const tests = {
      rule_files: [path.join(promDir, 'alerts.yml')],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            // Jobs in training, a trainer that stopped counting iterations after 5 minutes.
            { series: 'atelier_jobs{phase="training", instance="gw1"}', values: '2x40' },
            { series: 'atelier_trainer_iterations{trainer="color-lut"}', values: '0+60x5 300x35' },
            // Five heartbeat timeouts within a few minutes.
            {
              series:
                'activity_task_timeout{timeout_type="Heartbeat", activityType="trainStyle", taskqueue="atelier_training"}',
              values: '0 1 2 3 4 5x30',
            },
            // Tenant t1 has 80 jobs waiting, t2 has 3.
            { series: 'atelier_queue_depth{tenant="t1"}', values: '80x40' },
            { series: 'atelier_queue_depth{tenant="t2"}', values: '3x40' },
          ],
          alert_rule_test: [
            { eval_time: '4m', alertname: 'AtelierTrainingStalled', exp_alerts: [] },
            {
              eval_time: '30m',
              alertname: 'AtelierTrainingStalled',
              exp_alerts: [
                {
                  exp_labels: { severity: 'critical' },
                  exp_annotations: {
                    summary: 'Jobs are training but no training iteration completed in 10 minutes',
                    description:
                      "Is any training worker polling atelier.training? See the Temporal UI's task queue page.",
                  },
                },
              ],
            },
            {
              eval_time: '6m',
              alertname: 'AtelierHeartbeatTimeouts',
              exp_alerts: [
                {
                  exp_labels: { severity: 'warning' },
                  exp_annotations: { summary: '5 training attempts lost their worker in 15 minutes' },
                },
              ],
            },
            { eval_time: '35m', alertname: 'AtelierHeartbeatTimeouts', exp_alerts: [] },
            {
              eval_time: '20m',
              alertname: 'AtelierQueueBacklog',
              exp_alerts: [
                {
                  exp_labels: { severity: 'warning', tenant: 't1' },
                  exp_annotations: {
                    summary: 'Tenant t1 has 80 jobs waiting for a training slot',
                    description:
                      'Add training workers (docker compose up -d --scale worker-training=N) or slots (TRAINING_SLOTS).',
                  },
                },
              ],
            },
          ],
        },
        {
          interval: '1m',
          input_series: [
            // 10 % of requests fail with 503, then none.
            {
              series:
                'atelier_http_request_duration_seconds_count{route="/v1/trainings", method="POST", status="503"}',
              values: '0+1x20 20x20',
            },
            {
              series:
                'atelier_http_request_duration_seconds_count{route="/v1/trainings", method="POST", status="202"}',
              values: '0+9x40',
            },
          ],
          alert_rule_test: [
            {
              eval_time: '15m',
              alertname: 'AtelierGateway5xx',
              exp_alerts: [
                {
                  exp_labels: { severity: 'critical' },
                  exp_annotations: { summary: '10% of gateway requests answer 5xx' },
                },
              ],
            },
            { eval_time: '35m', alertname: 'AtelierGateway5xx', exp_alerts: [] },
          ],
        },
      ],
    };
    const file = path.join(tmp, 'alerts.test.yml');
    await writeFile(file, stringify(tests));
    const res = await promtool(['test', 'rules', file]);
    expect('code' in res ? res.code : 0, res.stdout + res.stderr).toBe(0);
    expect(res.stdout + res.stderr).toMatch(/SUCCESS/);
  });
});
