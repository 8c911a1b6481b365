/**
 * `atelier dev` (what `npm start` runs) as a real process tree: it comes up with the
 * gateway and worker polling, stops cleanly on Ctrl-C (SIGINT) with exit code 0 and
 * nothing left behind, and a second start keeps every earlier workflow.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { isProcessAlive } from '../../src/training/command/process-group.ts';
import { listening } from '../harness/ports.ts';
import { freePort } from '../helpers/free-port.ts';
import { ATELIER_BIN } from '../harness/components.ts';

async function startDev(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [ATELIER_BIN, 'dev'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!out.includes('Atelier is up')) {
    if (child.exitCode !== null || Date.now() - started > 120_000)
      throw new Error(`atelier dev did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, exited, output: () => out, upAfterMs: Date.now() - started };
}

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
    const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
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
