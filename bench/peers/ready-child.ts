/**
 * A peer's worker as a real child process (a TypeScript entry run with tsx), through
 * the chaos suite's process control: own log file, SIGKILLed if the bench dies.
 * It is ready when it says "ready" over IPC.
 */
import path from 'node:path';
import { spawnLogged, type LoggedChild } from '../../test/harness/logged-child.ts';

export async function startReadyChild(opts: {
  name: string;
  script: string;
  env: Record<string, string>;
  logDir: string;
  timeoutMs: number;
}): Promise<LoggedChild> {
  const child = spawnLogged({
    name: opts.name,
    command: process.execPath,
    args: ['--import', 'tsx', opts.script],
    env: { ...process.env, ...opts.env },
    logFile: path.join(opts.logDir, `${opts.name}-${Date.now()}.log`),
    ipc: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${opts.name} not ready in ${opts.timeoutMs} ms`)),
      opts.timeoutMs,
    );
    child.child.on('message', (m) => m === 'ready' && (clearTimeout(timer), resolve()));
    void child.exited.then((e) => {
      clearTimeout(timer);
      reject(
        new Error(`${opts.name} exited (code ${e.code}) before it was ready:\n${child.tail().slice(-1500)}`),
      );
    });
  });
  return child;
}

/** SIGTERM, SIGKILL after `graceMs`; resolves once it is gone. */
export async function stopChild(child: LoggedChild, graceMs = 10_000): Promise<void> {
  if (!child.alive()) return;
  child.child.kill('SIGTERM');
  const timer = setTimeout(() => child.child.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}
