/**
 * The fixture command trainer through the real styleTrainingWorkflow on the shared dev
 * server: artifacts published, and cancel leaving no process of the trainer's group
 * behind (its failing exits: command-workflow.error).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrainerRegistry } from '../../src/training/registry.ts';
import { fixturePids, fixtureTrainer, isProcessAlive } from '../fixtures/command-fixture.ts';
import { startJob, waitForView } from '../helpers/jobs.ts';
import { useHarness } from '../helpers/use-stack.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('command trainer through the workflow', () => {
  let pidDir: string;
  const h = useHarness();
  beforeAll(async () => {
    pidDir = await mkdtemp(path.join(os.tmpdir(), 'atelier-cmd-pids-'));
    const trainers = new TrainerRegistry([
      ...h.deps.trainers.list(),
      fixtureTrainer({ pidDir, gracePeriodMs: 2_000 }),
    ]);
    await h.startWorkers('all', { trainers });
  });
  afterAll(async () => {
    await rm(pidDir, { recursive: true, force: true });
  });

  it('succeeds and publishes the artifacts the trainer reported, with a manifest', async () => {
    const { jobId, handle } = await startJob(h, {
      baseModel: 'fixture',
      params: { steps: 15, sleepMs: 10, checkpointEvery: 5 },
    });
    const result = await handle.result();
    expect(result).toEqual({
      artifacts: ['result.json', 'weights.bin', 'manifest.json'],
      iterations: 15,
      finalLoss: 1 / 15,
    });

    const manifest = JSON.parse((await h.deps.storage.readArtifact(jobId, 'manifest.json')).toString());
    expect(manifest.trainer).toEqual({ name: 'fixture', version: '1' });
    expect(manifest.params).toMatchObject({ steps: 15, sleepMs: 10, checkpointEvery: 5, grandchild: false });
    expect(manifest.metrics.lossCurve).toEqual(Array.from({ length: 15 }, (_, i) => 1 / (i + 1)));
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual(['result.json', 'weights.bin']);
    for (const file of manifest.files)
      expect(sha256(await h.deps.storage.readArtifact(jobId, file.name))).toBe(file.sha256);
    // The decoded image (the 64×48 test image) reached the trainer as a PNG file.
    const produced = JSON.parse((await h.deps.storage.readArtifact(jobId, 'result.json')).toString());
    expect(produced).toMatchObject({ resumedFrom: 0, iterations: 15, image: { width: 64, height: 48 } });
  });

  it('cancel during training kills the whole process group: no orphans', async () => {
    const { jobId, handle } = await startJob(h, {
      baseModel: 'fixture',
      params: { steps: 10_000, sleepMs: 10, grandchild: true },
    });
    await waitForView(handle, (v) => (v.progress?.iteration ?? 0) >= 5);
    const pids = await fixturePids(pidDir, jobId);
    expect(pids.map((p) => p.role)).toEqual(['trainer', 'grandchild']);
    for (const { pid } of pids) expect(await isProcessAlive(pid)).toBe(true);
    await handle.cancel();
    const err = await handle.result().catch((e: unknown) => e);
    expect((err as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    // WAIT_CANCELLATION_COMPLETED + train() rejecting only once the group is gone: by now nothing is left.
    for (const { pid } of pids) expect(await isProcessAlive(pid)).toBe(false);
  });
});
