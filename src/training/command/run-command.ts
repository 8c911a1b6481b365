/**
 * Runs one trainer command in its own process group and streams its output as lines.
 * Settles only when the whole group is gone and every stdout line has been handled, so
 * nothing the trainer started can outlive the activity attempt, and a checkpoint the
 * trainer printed while shutting down is still stored.
 *
 * - abort (`signal`): SIGTERM to the group, SIGKILL after `gracePeriodMs`, then rejects
 *   with `signal.reason` (the activity's CancelledFailure);
 * - a rejected `onStdoutLine` (storage failing, say): same shutdown, rejects with that error;
 * - the leader exits on its own: whatever it left running in the group is SIGKILLed
 *   (stray data-loader workers would otherwise hold the GPU), then resolves with the exit.
 *
 * stdin is a pipe we never write to: it reaches EOF when the worker process dies, even by
 * SIGKILL, which is the trainer's cue to exit (the group is not ours to signal then).
 */
import { spawn } from 'node:child_process';
import { createLineSplitter } from './line-splitter.ts';
import { liveGroupMembers, signalGroup, terminateGroup, waitForGroupGone } from './process-group.ts';

/** How long to wait for stdout/stderr to close once the group is gone (a member that left the group may hold them). */
const CLOSE_WAIT_MS = 2_000;

export interface CommandExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunCommandOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  gracePeriodMs: number;
  signal: AbortSignal;
  /** Each stdout line, one at a time and in order; a rejection stops the command and fails the run. */
  onStdoutLine(line: string, truncated: boolean): Promise<void>;
  onStderrLine(line: string): void;
  /** Process-level events worth a log line (SIGKILL needed, leftovers killed). */
  onEvent?(event: { level: 'info' | 'warn'; message: string }): void;
}

export async function runCommand(opts: RunCommandOptions): Promise<CommandExit> {
  opts.signal.throwIfAborted();
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) {
    const err = await new Promise<Error>((resolve) => child.once('error', resolve));
    throw new Error(`cannot start trainer command ${JSON.stringify(opts.command)}: ${err.message}`);
  }
  const event = (level: 'info' | 'warn', message: string) => opts.onEvent?.({ level, message });
  child.on('error', (err) => event('warn', `trainer process error: ${err.message}`));
  child.stdin.on('error', () => {}); // EPIPE once the trainer has exited: expected, nothing to say.

  let failure: { error: unknown } | undefined;
  let handlerFailed = false;
  let stopping: Promise<void> | undefined;

  const terminate = async () => {
    const result = await terminateGroup(pid, opts.gracePeriodMs);
    if (result.killed)
      event(
        'warn',
        `trainer did not exit within ${opts.gracePeriodMs} ms of SIGTERM; sent SIGKILL to its process group`,
      );
    if (!result.gone)
      event('warn', `processes of group ${pid} survived SIGKILL (uninterruptible?); giving up waiting`);
  };
  const sweepLeftovers = async () => {
    const left = await liveGroupMembers(pid);
    if (left.length === 0) return;
    event(
      'warn',
      `trainer exited leaving ${left.length} process(es) in its group (${left.join(', ')}); killing them`,
    );
    signalGroup(pid, 'SIGKILL');
    if (!(await waitForGroupGone(pid, 30_000)))
      event('warn', `processes of group ${pid} survived SIGKILL; giving up waiting`);
  };
  const stop = (error: unknown) => {
    failure ??= { error };
    stopping ??= terminate();
  };

  // Lines keep being handled while the trainer shuts down: a checkpoint written on SIGTERM is worth storing.
  let queue = Promise.resolve();
  const stdout = createLineSplitter((line, truncated) => {
    queue = queue
      .then(() => (handlerFailed ? undefined : opts.onStdoutLine(line, truncated)))
      .catch((err: unknown) => {
        handlerFailed = true;
        stop(err);
      });
  });
  const stderr = createLineSplitter((line) => opts.onStderrLine(line));
  let flushed = false;
  const flush = () => {
    if (flushed) return;
    flushed = true;
    stdout.end();
    stderr.end();
  };
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

  const exited = new Promise<CommandExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const onAbort = () => stop(opts.signal.reason);
  opts.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const exit = await exited;
    stopping ??= sweepLeftovers();
    await stopping;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
    flush();
    await queue;
    if (failure) throw failure.error;
    return exit;
  } finally {
    opts.signal.removeEventListener('abort', onAbort);
    child.stdin.destroy();
    child.stdout.destroy();
    child.stderr.destroy();
  }
}
