/**
 * Starts one `atelier` subcommand as a supervised child: its own process group (a
 * terminal Ctrl-C reaches only the supervisor, which decides the stop order) and an
 * IPC channel whose closing tells the child that the supervisor is gone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ATELIER_BIN = fileURLToPath(new URL('../../bin/atelier.mjs', import.meta.url));

export interface Supervised {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stop(graceMs: number): Promise<void>;
}

export function startAtelierChild(name: string, args: string[], env: NodeJS.ProcessEnv): Supervised {
  const child = spawn(process.execPath, [ATELIER_BIN, ...args], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    child,
    exited,
    async stop(graceMs) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function killNow(children: { child: ChildProcess }[]): void {
  for (const { child } of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
