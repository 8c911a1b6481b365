/**
 * `atelier dev` (what `npm start` runs) as a real child process: resolves once it says
 * "Atelier is up"; a start that fails or takes over two minutes is killed and reported
 * with everything it printed.
 */
import { spawn } from 'node:child_process';
import { ATELIER_BIN } from '../harness/components.ts';

export async function startDev(env: NodeJS.ProcessEnv) {
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
    if (child.exitCode !== null || Date.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`atelier dev did not come up:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, exited, output: () => out, upAfterMs: Date.now() - started };
}
