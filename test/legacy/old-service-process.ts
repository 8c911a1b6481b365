/**
 * The old FastAPI service (test/legacy/old_service.py) as a real uvicorn process on a free
 * loopback port, in a venv with the versions it was written for: the reference the
 * old-client suite checks its expectations against.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/free-port.ts';
import { pollUntil } from '../helpers/poll.ts';
import { OLD_SERVICE_VENV, pythonIn } from '../harness/python-venvs.ts';

export interface OldService {
  url: string;
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export async function startOldService(): Promise<OldService> {
  const python = await pythonIn(OLD_SERVICE_VENV);
  const port = await freePort();
  const args = ['-m', 'uvicorn', 'old_service:app', '--app-dir', here, '--host', '127.0.0.1'];
  const child = spawn(python, [...args, '--port', String(port), '--log-level', 'warning'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await pollUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`the old service exited: ${stderr}`);
        return (await fetch(`${url}/openapi.json`).catch(() => null))?.status ?? 0;
      },
      (status) => status === 200,
      { what: 'the old service to answer', timeoutMs: 60_000 },
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
