/**
 * One incarnation of a cluster member as a real child process, its output in its own
 * log file. Own process group (detached), so a terminal Ctrl-C reaches only the
 * runner, which then stops the cluster in order; an IPC channel (atelier children
 * only) makes a worker or gateway drain by itself should the runner die.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

export interface LoggedChild {
  name: string;
  pid: number;
  startedAt: number;
  logFile: string;
  child: ChildProcess;
  exited: Promise<Exit>;
  alive(): boolean;
  /** Text written so far (last 64 KiB), for error messages. */
  tail(): string;
}

const TAIL_BYTES = 64 * 1024;
const everyChild = new Set<ChildProcess>();

// Last line of defence: whatever happens to the runner, it takes its children along.
process.once('exit', () => {
  for (const c of everyChild) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

export function spawnLogged(opts: {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
  ipc: boolean;
}): LoggedChild {
  const startedAt = Date.now();
  const stdio: ('ignore' | 'pipe' | 'ipc')[] = ['ignore', 'pipe', 'pipe'];
  if (opts.ipc) stdio.push('ipc');
  const child = spawn(opts.command, opts.args, { env: opts.env, stdio, detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${opts.name}: ${opts.command}`);
  everyChild.add(child);
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  let tail = '';
  const onData = (d: Buffer) => {
    log.write(d);
    tail = (tail + d.toString()).slice(-TAIL_BYTES);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  // A killed child's IPC channel errors on its way down; that is expected here.
  child.on('error', () => undefined);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      everyChild.delete(child);
      log.end();
      resolve({ code, signal, at: Date.now() });
    }),
  );
  return {
    name: opts.name,
    pid: child.pid,
    startedAt,
    logFile: opts.logFile,
    child,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
    tail: () => tail,
  };
}
