/**
 * Facts about the machine and software a benchmark ran on, recorded next to the
 * numbers: they mean little without them (and this machine is shared, hence the load
 * average at both ends of the run).
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  totalMemoryGb: number;
  os: string;
  node: string;
  temporalCli: string;
  commit: string | null;
}

/** The checked-out commit, read from .git without running git (the working tree may differ). */
async function headCommit(): Promise<string | null> {
  try {
    const head = (await readFile('.git/HEAD', 'utf8')).trim();
    if (!head.startsWith('ref: ')) return head;
    const ref = head.slice(5);
    const loose = await readFile(`.git/${ref}`, 'utf8').catch(() => null);
    if (loose) return loose.trim();
    const packed = await readFile('.git/packed-refs', 'utf8');
    return (
      packed
        .split('\n')
        .find((l) => l.endsWith(` ${ref}`))
        ?.split(' ')[0] ?? null
    );
  } catch {
    return null;
  }
}

export async function machineFacts(temporalCli: string): Promise<MachineFacts> {
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
    totalMemoryGb: Math.round(os.totalmem() / 1e8) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    temporalCli,
    commit: await headCommit(),
  };
}

export const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
