import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localJob, startJob } from '../helpers/jobs.ts';
import { activityFacts, signalsOf, visibilityWrites } from '../harness/history.ts';
import { statusQuery, type TrainingReportInput } from '../../workflows/messages.ts';
import { useHarness } from '../helpers/use-stack.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('styleTrainingWorkflow end to end', () => {
  const h = useHarness({ workers: 'all' });

  it('decodes, trains and publishes style.cube, preview.png and a manifest with matching hashes', async () => {
    const { jobId, handle } = await startJob(h, { params: { iterations: 8, lutSize: 17, seed: 7 } });
    const result = await handle.result();
    expect(result.artifacts.sort()).toEqual(['manifest.json', 'preview.png', 'style.cube']);
    expect(result.iterations).toBeGreaterThan(0);

    const manifest = JSON.parse(
      (await h.deps.storage.readArtifact(localJob(jobId), 'manifest.json')).toString(),
    );
    expect(manifest.trainer.name).toBe('color-lut');
    expect(manifest.params).toMatchObject({ iterations: 8, lutSize: 17, seed: 7 });
    expect(manifest.metrics.lossCurve.length).toBe(manifest.metrics.iterations);
    for (const file of manifest.files) {
      const bytes = await h.deps.storage.readArtifact(localJob(jobId), file.name);
      expect(sha256(bytes)).toBe(file.sha256);
      expect(bytes.length).toBe(file.bytes);
    }
    const cube = (await h.deps.storage.readArtifact(localJob(jobId), 'style.cube')).toString();
    expect(cube).toMatch(/LUT_3D_SIZE 17/);

    const description = await handle.describe();
    expect(description.status.name).toBe('COMPLETED');
    const facts = await activityFacts(handle);
    expect(facts.started.map((s) => s.activityType)).toEqual([
      'decodeImage',
      'trainStyle',
      'publishArtifacts',
    ]);
    // Each phase written once (no redundant upserts: every one is a history event), the start's
    // `queued` not again, and one memo write (when training first started).
    const writes = await visibilityWrites(handle);
    expect(writes.phases).toEqual(['decoding', 'training', 'publishing', 'succeeded']);
    expect(writes.memoFields).toEqual(['startedAt']);
    // The attempt reports its start and its checkpoints but not the last one: the result
    // carries that (a signal and a workflow task less), and the job's view shows it.
    const reports = await signalsOf<TrainingReportInput>(handle, 'trainingReport');
    expect(reports[0]).toMatchObject({ run: 1, attempt: 1, iteration: 0 });
    expect(reports.filter((r) => r.iteration >= manifest.metrics.iterations)).toEqual([]);
    const view = await handle.query(statusQuery);
    expect(view.progress).toMatchObject({ iteration: manifest.metrics.iterations, total: 8 });
    expect(view.attempt).toBe(1);
  });

  it('is deterministic: the same image and seed give a byte-identical style.cube', async () => {
    const params = { iterations: 6, lutSize: 17, seed: 11 };
    const [a, b] = await Promise.all([startJob(h, { params }), startJob(h, { params })]);
    await Promise.all([a.handle.result(), b.handle.result()]);
    const cubeA = await h.deps.storage.readArtifact(a.ref, 'style.cube');
    const cubeB = await h.deps.storage.readArtifact(b.ref, 'style.cube');
    expect(sha256(cubeA)).toBe(sha256(cubeB));
  });
});
