/**
 * A Debian package a benchmark or test needs (redis-server for the BullMQ peer, postgresql-15
 * for the cluster tier, prometheus for promtool's check of the alert rules), installed with
 * apt when its binary is missing. Only as root; anyone else is told what to install.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function ensureAptPackage(pkg: string, binary: string, log: (m: string) => void): Promise<void> {
  if (existsSync(binary)) return;
  if (process.getuid?.() !== 0)
    throw new Error(`${binary} is missing: run \`apt-get install -y ${pkg}\` as root`);
  log(`installing ${pkg} from Debian (apt-get)`);
  const apt = (args: string[]) =>
    run('apt-get', args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  await apt(['install', '-y', '--no-install-recommends', pkg]).catch(async () => {
    await apt(['update']); // a fresh machine may have no package lists yet
    await apt(['install', '-y', '--no-install-recommends', pkg]);
  });
}
