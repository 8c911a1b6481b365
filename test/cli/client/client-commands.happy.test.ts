import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness } from '../../helpers/harness.ts';
import { startGateway, type Gateway } from '../../helpers/gateway-harness.ts';
import { startTcpProxy } from '../../helpers/tcp-proxy.ts';
import { getJob, waitForJob } from '../../helpers/api-client.ts';
import { cliTrainers, runCli, startCli } from './run-cli.ts';
import { startCliStack, type CliStack } from './cli-stack.ts';

describe('atelier client commands (child processes against a real gateway)', () => {
  let h: Harness;
  let gw: Gateway;
  let env: Record<string, string>;
  let tmp: string;
  let image: string;
  let stack: CliStack;
  beforeAll(async () => {
    stack = await startCliStack();
    ({ h, gw, env, tmp, image } = stack);
  });
  afterAll(() => stack?.close());

  it('submit --wait: the id on stdout, live progress lines on stderr (no TTY), exit 0 on success', async () => {
    const args = [
      'submit',
      image,
      '--style',
      'Dusk',
      '--base-model',
      'slow-test',
      '--param',
      'iterations=12',
      '--param',
      'delayMs=200',
      '--wait',
    ];
    const run = await runCli(args, env);
    expect(run.code, run.stderr).toBe(0);
    const id = run.stdout.trim();
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(run.stderr).toContain("Job created: train style 'Dusk' with slow-test");
    expect(run.stderr).toContain('Training attempt 1 started');
    const progress = [
      ...run.stderr.matchAll(/^progress (\d+)\/12 \(([\d.]+)%\) loss (\S+) eta (\S+)$/gm),
    ].map((m) => Number(m[1]));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(run.stderr).toMatch(new RegExp(`job ${id} succeeded — artifacts: .*style\\.cube`));
    expect((await getJob(gw, id)).status).toBe('succeeded');

    const status = await runCli(['status', id], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(
      new RegExp(`^${id}  succeeded \\(succeeded\\)  'Dusk' with slow-test  iteration 12/12`),
    );
    const json = await runCli(['status', id, '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ id, status: 'succeeded' });

    const out = path.join(tmp, 'out');
    const download = await runCli(['download', id, '--out', out], env);
    expect(download.code, download.stderr).toBe(0);
    const listed = (
      (await (await gw.fetch(`/v1/trainings/${id}/artifacts`)).json()) as {
        data: Array<{ name: string; sha256: string }>;
      }
    ).data;
    expect(download.stdout.trim().split('\n')).toEqual(listed.map((a) => path.join(out, a.name)));
    for (const a of listed)
      expect(
        createHash('sha256')
          .update(await readFile(path.join(out, a.name)))
          .digest('hex'),
      ).toBe(a.sha256);
  });

  it('pause, resume and cancel drive a running job; submit --wait then exits 4 (cancelled)', async () => {
    const args = [
      'submit',
      image,
      '--style',
      'Long',
      '--base-model',
      'slow-test',
      '--param',
      'iterations=200',
      '--param',
      'delayMs=100',
      '--wait',
    ];
    const waiting = startCli(args, env);
    const id = await waiting.firstLine;
    await waitForJob(gw, id, (j) => (j.progress?.iteration ?? 0) >= 1);
    const pause = await runCli(['pause', id], env);
    expect(pause.code, pause.stderr).toBe(0);
    expect(pause.stdout).toMatch(new RegExp(`^${id}  `)); // the job as it is right after the request
    await waitForJob(gw, id, (j) => j.phase === 'paused');
    expect((await runCli(['resume', id], env)).code).toBe(0);
    await waitForJob(gw, id, (j) => j.status === 'running');
    expect((await runCli(['cancel', id], env)).code).toBe(0);
    const run = await waiting.done;
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toMatch(/Paused[\s\S]*Resumed[\s\S]*Cancelled/);
    expect(run.stderr).toContain(`job ${id} cancelled`);
  });

  it('submit --wait survives a dropped connection and a replaced gateway: each event shown once', async () => {
    const proxy = await startTcpProxy(gw.url);
    const args = [
      'submit',
      image,
      '--style',
      'Cut',
      '--base-model',
      'slow-test',
      '--param',
      'iterations=20',
      '--param',
      'delayMs=150',
      '--wait',
    ];
    const waiting = startCli(args, { ATELIER_URL: proxy.url });
    const id = await waiting.firstLine;
    await waitForJob(gw, id, (j) => (j.progress?.iteration ?? 0) >= 3);
    const second = await startGateway(h, { trainers: cliTrainers() }); // knows nothing of the first
    proxy.retarget(second.url);
    proxy.cut();
    try {
      const run = await waiting.done;
      expect(run.code, run.stderr).toBe(0);
      expect(second.logs()).toContain(`"path":"/v1/trainings/${id}/events"`); // it did reconnect
      for (const line of [
        "Job created: train style 'Cut'",
        'Training attempt 1 started',
        'Publishing the artifacts',
        '] Succeeded',
      ]) {
        expect(run.stderr.split(line).length - 1, `${line}\n${run.stderr}`).toBe(1);
      }
    } finally {
      await proxy.close();
      await second.close();
    }
  });

  it('a job that fails: submit --wait exits 1 and prints the error', async () => {
    const run = await runCli(
      ['submit', image, '--style', 'Nope', '--base-model', 'refusing-test', '--wait'],
      env,
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/failed — TrainerBadInput: this test trainer refuses every image/);
  });
});
