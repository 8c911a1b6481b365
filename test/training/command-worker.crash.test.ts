/**
 * A training worker process running the fixture command trainer is SIGKILLed: the job
 * resumes on a restarted worker from the trainer's own checkpoint, and the orphaned
 * trainer (its group was not ours to signal any more) exits by itself on stdin EOF, and
 * its abandoned work dir is swept by the next run.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrainerRegistry } from '../../src/training/registry.ts';
import {
  fixturePids,
  fixtureTrainer,
  isProcessAlive,
  waitFor,
  writeFixtureTrainersFile,
} from '../fixtures/command-fixture.ts';
import { activityFacts } from '../harness/history.ts';
import { startJob, waitForView } from '../helpers/jobs.ts';
import { startWorkerProcess } from '../helpers/worker-process.ts';
import { useHarness } from '../helpers/use-stack.ts';

describe('a worker running a command trainer SIGKILLed mid-training', () => {
  let dir: string;
  const h = useHarness();
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atelier-cmd-crash-'));
    // Publishing runs here, in-process: it needs the fixture trainer too (only its final state travels).
    await h.startWorkers('orchestration', {
      trainers: new TrainerRegistry([...h.deps.trainers.list(), fixtureTrainer()]),
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the job completes on a restarted worker, the trainer resuming from its checkpoint > 0', async () => {
    const workDir = await mkdtemp(path.join(dir, 'runs-'));
    const trainersFile = await writeFixtureTrainersFile(dir, { pidDir: dir, workDir });
    const env = { ATELIER_TRAINERS_FILE: trainersFile };
    const first = await startWorkerProcess(h, 'training', env);
    const job = await startJob(h, {
      baseModel: 'fixture',
      params: { steps: 150, sleepMs: 20, checkpointEvery: 10 },
    });
    await waitForView(job.handle, (v) => (v.progress?.iteration ?? 0) >= 25, 60_000);
    await waitFor(
      async () => ((await h.deps.storage.readLatestCheckpoint(job.jobId))?.record.iteration ?? 0) >= 20,
    );
    const killed = await first.kill('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const checkpoint = (await h.deps.storage.readLatestCheckpoint(job.jobId))!.record;
    expect(checkpoint.iteration).toBeGreaterThan(0);

    const [orphan] = await fixturePids(dir, job.jobId);
    expect(orphan.role).toBe('trainer');
    await waitFor(async () => !(await isProcessAlive(orphan.pid)) || undefined, 5_000);

    // The killed worker could not remove its run's work dir.
    expect((await readdir(workDir)).length).toBe(1);

    const second = await startWorkerProcess(h, 'training', env);
    try {
      await job.handle.result();
    } finally {
      await second.kill('SIGTERM');
    }
    const facts = await activityFacts(job.handle);
    expect(
      facts.started.filter((s) => s.activityType === 'trainStyle').at(-1)!.attempt,
    ).toBeGreaterThanOrEqual(2);
    const trained = facts.results.find((r) => r.activityType === 'trainStyle')!.result as {
      resumedFrom: number;
      iterations: number;
    };
    expect(trained.resumedFrom).toBeGreaterThanOrEqual(checkpoint.iteration);
    expect(trained.iterations).toBe(150);

    // The trainer itself says where it started: from the restored checkpoint file, not from scratch.
    const produced = JSON.parse((await h.deps.storage.readArtifact(job.jobId, 'result.json')).toString());
    expect(produced.resumedFrom).toBe(trained.resumedFrom);
    expect(produced.resumedFrom).toBeGreaterThan(0);
    const manifest = JSON.parse((await h.deps.storage.readArtifact(job.jobId, 'manifest.json')).toString());
    expect(manifest.metrics.lossCurve).toEqual(Array.from({ length: 150 }, (_, i) => 1 / (i + 1)));
    console.log(
      `SIGKILLed at checkpoint ${checkpoint.iteration}; the trainer resumed from iteration ${produced.resumedFrom}`,
    );
  });
});
