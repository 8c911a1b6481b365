/** Determinism checks: the sha256 of style.cube, and of a clean, uninterrupted run of the same parameters. */
import { createHash } from 'node:crypto';
import type { JobRef } from '../../workflows/job-identity.ts';
import { type Harness } from './harness.ts';
import { startJob } from './jobs.ts';
import { startWorkerProcess } from './worker-process.ts';

export async function cubeSha256(h: Harness, job: JobRef): Promise<string> {
  return createHash('sha256')
    .update(await h.deps.storage.readArtifact(job, 'style.cube'))
    .digest('hex');
}

/**
 * Runs the same parameters once more, undisturbed. `training`: who trains it — a training
 * worker that already runs (`'running'`), or one started for it, in this process or as a
 * child process.
 */
export async function referenceCubeSha256(
  h: Harness,
  params: Record<string, unknown>,
  training: 'running' | 'in-process' | 'process' = 'running',
): Promise<string> {
  const worker =
    training === 'process'
      ? await startWorkerProcess(h, 'training').then((w) => ({ stop: () => w.kill('SIGTERM') }))
      : training === 'in-process'
        ? await h.startWorkers('training')
        : null;
  try {
    const reference = await startJob(h, { params });
    await reference.handle.result();
    return await cubeSha256(h, reference.ref);
  } finally {
    await worker?.stop();
  }
}
