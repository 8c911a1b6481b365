/**
 * Signalling and watching a trainer's whole process group. The command runs in its own
 * group (spawned with `detached: true`, so its pid is the group id), which is how the
 * data-loader workers and helper processes a real trainer forks are stopped with it.
 *
 * "Gone" means no live member: zombies count as gone. A grandchild orphaned by the
 * trainer's exit is re-parented to PID 1, and in containers without an init that reaps
 * (no `--init`/tini), its zombie stays in the process table with our group id forever —
 * `kill(-pgid, 0)` would say the group is alive. On Linux we therefore read /proc.
 */
import { readFile, readdir } from 'node:fs/promises';

const POLL_MS = 50;

/** Sends `signal` to every process in the group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

/** Live (non-zombie) members of the group, by pid; empty once the group is gone. */
export async function liveGroupMembers(pgid: number): Promise<number[]> {
  if (process.platform !== 'linux') return signalGroup(pgid, 0) ? [pgid] : [];
  const entries = await readdir('/proc').catch(() => null);
  if (entries === null) return signalGroup(pgid, 0) ? [pgid] : []; // no /proc mounted
  const live: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    if (stat === null) continue;
    // "pid (comm) state ppid pgrp …": comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [state, , pgrp] = fields;
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') live.push(Number(entry));
  }
  return live;
}

/** Whether a single process is alive (a zombie is not), for checks on one pid. */
export async function isProcessAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  return state !== 'Z' && state !== 'X';
}

/** Resolves true once the group is gone, false if it is still alive after `timeoutMs`. */
export async function waitForGroupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await liveGroupMembers(pgid)).length === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export interface TerminateResult {
  /** SIGKILL was needed: something in the group outlived the grace period. */
  killed: boolean;
  /** False only if members survived even SIGKILL for `killWaitMs` (uninterruptible sleep). */
  gone: boolean;
}

/**
 * SIGTERM to the group, SIGKILL to whatever is left after `graceMs`, then waits for the
 * group to be gone (at most `killWaitMs` more: a process stuck in the kernel — a GPU
 * driver call, say — cannot be hurried, but a worker slot must not hang forever).
 */
export async function terminateGroup(
  pgid: number,
  graceMs: number,
  killWaitMs = 30_000,
): Promise<TerminateResult> {
  if (!signalGroup(pgid, 'SIGTERM')) return { killed: false, gone: true };
  if (await waitForGroupGone(pgid, graceMs)) return { killed: false, gone: true };
  signalGroup(pgid, 'SIGKILL');
  return { killed: true, gone: await waitForGroupGone(pgid, killWaitMs) };
}
