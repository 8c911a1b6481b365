/**
 * "Nothing left behind": every process the run started is gone, the cluster's ports
 * are free, and no process anywhere still runs in this run's directory (found through
 * /proc, so grandchildren the runner never knew about count too).
 */
import { readdir, readFile } from 'node:fs/promises';
import { isProcessAlive } from '../../src/training/command/process-group.ts';
import { listening } from './ports.ts';
import { type Violation } from './violation.ts';

/** Pids (other than ours) whose command line or environment names `marker`. */
async function processesMentioning(marker: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [])) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const read = (f: string) => readFile(`/proc/${pid}/${f}`, 'latin1').catch(() => '');
    const [cmdline, environ] = await Promise.all([read('cmdline'), read('environ')]);
    if (cmdline.includes(marker) || environ.includes(marker)) found.push(pid);
  }
  return found;
}

export interface OrphanQuery {
  pids: { component: string; pid: number }[];
  ports: number[];
  runDir: string;
}

/** Asks a few times over `graceMs`: a helper such as tsx's esbuild service exits a moment after its parent. */
export async function findOrphans(q: OrphanQuery, graceMs = 5_000): Promise<Violation[]> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const v = await orphansNow(q);
    if (v.length === 0 || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function orphansNow(opts: OrphanQuery): Promise<Violation[]> {
  const v: Violation[] = [];
  const mentioning = new Set(await processesMentioning(opts.runDir));
  for (const p of opts.pids) {
    // Alive AND still ours: a recycled pid belongs to someone else and is not an orphan.
    if (mentioning.has(p.pid) && (await isProcessAlive(p.pid)))
      v.push({ invariant: 'no-orphans', detail: `${p.component} pid ${p.pid} is still running` });
  }
  const known = new Set(opts.pids.map((p) => p.pid));
  for (const pid of mentioning)
    if (!known.has(pid))
      v.push({ invariant: 'no-orphans', detail: `pid ${pid} still runs in ${opts.runDir}` });
  for (const port of opts.ports)
    if (await listening(port)) v.push({ invariant: 'no-orphans', detail: `port ${port} is still listening` });
  return v;
}
