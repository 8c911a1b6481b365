/**
 * CPU time (user + system, all threads) of a set of processes and their
 * descendants, from /proc/<pid>/stat, so "CPU per job" counts every process a
 * system needs: server, workers, gateway, Redis, and the bench process itself.
 * Sampled at both ends of a window; a process that exits inside the window takes
 * its time with it, so windows are chosen where none does.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

const TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

interface ProcStat {
  ppid: number;
  cpuMs: number;
}

/** Fields after the command name (which may contain spaces and parentheses). */
function parseStat(text: string): ProcStat | undefined {
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  const ppid = Number(rest[1]);
  const ticks = Number(rest[11]) + Number(rest[12]);
  return Number.isFinite(ppid) && Number.isFinite(ticks)
    ? { ppid, cpuMs: (ticks * 1000) / TICKS_PER_S }
    : undefined;
}

async function allProcesses(): Promise<Map<number, ProcStat>> {
  const out = new Map<number, ProcStat>();
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = parseStat(await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ''));
    if (stat) out.set(pid, stat);
  }
  return out;
}

/**
 * CPU milliseconds used so far by each root pid together with its descendants, a
 * descendant that is itself a root counted only there. The bench process counts
 * alone: it is the parent of every member, measured or idle, of every system.
 */
export async function cpuMsByRoot(roots: number[]): Promise<Map<number, number>> {
  const procs = await allProcesses();
  const isRoot = new Set(roots);
  const children = new Map<number, number[]>();
  for (const [pid, s] of procs) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  const treeMs = (pid: number): number =>
    (procs.get(pid)?.cpuMs ?? 0) +
    (pid === process.pid ? [] : (children.get(pid) ?? []))
      .filter((c) => !isRoot.has(c))
      .reduce((sum, c) => sum + treeMs(c), 0);
  return new Map(roots.map((pid) => [pid, treeMs(pid)]));
}

export interface CpuWindow {
  /** Ends the window: CPU ms used by each named process tree since it began. */
  stop(): Promise<Record<string, number>>;
}

/** Starts a window over named process trees (pid 0 or undefined: not running, counted as 0). */
export async function startCpuWindow(named: Record<string, number | undefined>): Promise<CpuWindow> {
  const entries = Object.entries(named).filter((e): e is [string, number] => !!e[1]);
  const before = await cpuMsByRoot(entries.map(([, pid]) => pid));
  return {
    async stop() {
      const after = await cpuMsByRoot(entries.map(([, pid]) => pid));
      return Object.fromEntries(entries.map(([name, pid]) => [name, after.get(pid)! - before.get(pid)!]));
    },
  };
}

export const totalMs = (byProcess: Record<string, number>) =>
  Object.values(byProcess).reduce((a, b) => a + b, 0);
