/**
 * A lock between processes on one machine: a file created exclusively that holds
 * its owner's pid. A lock whose owner is gone (killed mid-build) is taken over.
 * Used so that two cluster runs starting on a fresh machine do not both spend
 * 8 CPU-minutes and 2.6 GB building the same Temporal server.
 */
import { open, readFile, rm } from 'node:fs/promises';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `fn` holding the lock at `file`; waits up to `timeoutMs` for another holder. */
export async function withFileLock<T>(
  file: string,
  timeoutMs: number,
  onWait: (holder: number) => void,
  fn: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number(await readFile(file, 'utf8').catch(() => ''));
    if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${file} is still held by pid ${holder}; gave up waiting`);
    if (!told) onWait(holder);
    told = true;
    await sleep(1_000);
  }
  try {
    return await fn();
  } finally {
    await rm(file, { force: true });
  }
}
