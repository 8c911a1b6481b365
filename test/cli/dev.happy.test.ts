/**
 * `atelier dev` (what `npm start` runs) as a real process tree: it comes up with the
 * gateway and worker polling, stops cleanly on Ctrl-C (SIGINT) with exit code 0 and
 * nothing left behind, and a second start keeps every earlier workflow.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { isProcessAlive } from '../../src/training/command/process-group.ts';
import { listening } from '../harness/ports.ts';
import { freePorts } from '../helpers/free-port.ts';
import { pollUntil } from '../helpers/poll.ts';
import { trainingBody } from '../helpers/api-client.ts';
import { startDev } from '../helpers/dev-process.ts';

/** Pids of processes whose command line mentions the data dir or the dev's children. */
function descendants(rootOutput: string): number[] {
  return [...rootOutput.matchAll(/"pid":(\d+)/g)].map((m) => Number(m[1]));
}

describe('atelier dev', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('comes up, stops cleanly on SIGINT (exit 0, ports free, no process left) and keeps workflows across restarts', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'atelier-dev-'));
    dirs.push(dataDir);
    const [port, temporalPort, uiPort] = await freePorts(3);
    const env = {
      ATELIER_DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      WORKER_METRICS_PORT: '0',
      TEMPORAL_CLI_PATH: inject('temporalCliPath'),
      TEMPORAL_ADDRESS: '',
    };
    const first = await startDev(env);
    console.log(`atelier dev up in ${first.upAfterMs} ms (cold data dir)`);
    expect(first.output()).toContain(`http://127.0.0.1:${port}/docs`);
    expect(first.output()).toContain(`http://localhost:${uiPort}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${uiPort}/`)).status).toBe(200);

    // A workflow started now must still be there after a restart (SQLite file under the data dir).
    const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
    const client = new Client({ connection });
    const handle = await client.workflow.start('styleTrainingWorkflow', {
      workflowId: `training-persist-${temporalPort}`,
      taskQueue: 'no-worker-polls-this',
      args: [{}],
    });
    await connection.close();

    const pids = descendants(first.output());
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    for (const p of [port, temporalPort, uiPort]) expect(await listening(p)).toBe(false);
    for (const pid of pids) expect(await isProcessAlive(pid)).toBe(false);

    const second = await startDev(env);
    console.log(`atelier dev up in ${second.upAfterMs} ms (restart)`);
    const again = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
    const description = await new Client({ connection: again }).workflow
      .getHandle(handle.workflowId)
      .describe();
    expect(description.status.name).toBe('RUNNING');
    await again.close();
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 240_000);
});

describe('atelier dev --storage s3', () => {
  it('starts an embedded SeaweedFS beside the dev server; jobs store everything in it; Ctrl-C stops it too', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'atelier-dev-s3-'));
    try {
      const [port, temporalPort] = await freePorts(2);
      const dev = await startDev({
        ATELIER_DATA_DIR: dataDir,
        PORT: String(port),
        TEMPORAL_DEV_PORT: String(temporalPort),
        TEMPORAL_UI_PORT: '0',
        WORKER_METRICS_PORT: '0',
        TEMPORAL_CLI_PATH: inject('temporalCliPath'),
        ATELIER_SEAWEEDFS_PATH: inject('s3').weedPath,
        ATELIER_STORAGE: 's3',
        TEMPORAL_ADDRESS: '',
        ATELIER_STORAGE_URL: '',
      });
      const endpoint = /embedded SeaweedFS at http:\/\/127\.0\.0\.1:(\d+)/.exec(dev.output());
      expect(endpoint).not.toBeNull();
      const api = `http://127.0.0.1:${port}`;
      expect((await fetch(`${api}/readyz`)).status).toBe(200);
      const res = await fetch(`${api}/v1/trainings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(await trainingBody({ styleName: 'Dev on S3' })),
      });
      const { id } = (await res.json()) as { id: string };
      const statusOf = async () =>
        ((await (await fetch(`${api}/v1/trainings/${id}`)).json()) as { status: string }).status;
      await pollUntil(statusOf, (status) => status === 'succeeded', {
        what: 'the job on S3 succeeded',
        timeoutMs: 120_000,
        intervalMs: 300,
      });
      expect((await fetch(`${api}/v1/trainings/${id}/artifacts/style.cube`)).status).toBe(200);
      // Nothing of the job under the data dir's own tree: it is all in the bucket.
      expect((await readdir(dataDir)).includes('tenants')).toBe(false);
      dev.child.kill('SIGINT');
      expect(await dev.exited).toBe(0);
      expect(await listening(Number(endpoint![1]))).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
