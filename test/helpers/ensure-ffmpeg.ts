/**
 * Finds ffmpeg for the tests that check our .cube files against a real lut3d filter,
 * installing Debian's package when it is missing. Tests never skip for want of ffmpeg:
 * a skipped compatibility test would silently stop guarding the artifact format.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

let pending: Promise<string> | undefined;

/** The path of a working ffmpeg binary; installs it with apt-get when absent (needs root). */
export function ensureFfmpeg(): Promise<string> {
  // One lookup/install per process, even when several tests ask at once.
  pending ??= locateOrInstall();
  return pending;
}

async function locateOrInstall(): Promise<string> {
  const found = await locate();
  if (found) return found;
  try {
    // Installs can take minutes on a cold package cache; apt must not stop to ask questions.
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const options = { env, maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 };
    await run('apt-get', ['update'], options);
    await run('apt-get', ['install', '-y', '--no-install-recommends', 'ffmpeg'], options);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(
      `ffmpeg is not installed and installing it failed (apt-get update && apt-get install -y ffmpeg, run as root). ` +
        `Install ffmpeg yourself and put it on PATH. Cause: ${detail}`,
      { cause: err },
    );
  }
  const installed = await locate();
  if (!installed) throw new Error('apt-get reported success but no working ffmpeg is on PATH');
  return installed;
}

async function locate(): Promise<string | null> {
  try {
    const { stdout } = await run('sh', ['-c', 'command -v ffmpeg']);
    const path = stdout.trim();
    if (!path) return null;
    await run(path, ['-hide_banner', '-version']);
    return path;
  } catch {
    return null;
  }
}
