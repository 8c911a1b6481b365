import { describe, expect, it } from 'vitest';
import { badImage, goodImage, startPack, waitForPack } from '../helpers/packs.ts';
import { packPauseSignal, packResumeSignal } from '../../workflows/pack-messages.ts';
import { useHarness } from '../helpers/use-stack.ts';

describe('stylePackWorkflow', () => {
  const h = useHarness();

  it('trains styles as children with bounded parallelism; a bad style fails alone (partial failure)', async () => {
    const workers = await h.startWorkers('all');
    const { handle } = await startPack(
      h,
      [await goodImage(), await badImage(), await goodImage()],
      { iterations: 4, lutSize: 17 },
      2,
    );
    const result = await handle.result();
    expect(result.status).toBe('partially_failed');
    expect(result.styles.map((s) => s.phase)).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(result.styles[1].error?.code).toBe('InvalidImage');
    // Artifacts and progress came from the children's final views, read via the readJobStatus activity.
    expect(result.styles[0].artifacts.sort()).toEqual(['manifest.json', 'preview.png', 'style.cube']);
    expect(result.percent).toBe(100);
    await workers.stop();
  });

  it('aggregates progress and forwards pause/resume to the children', async () => {
    const workers = await h.startWorkers('all');
    const { handle } = await startPack(
      h,
      [await goodImage(), await goodImage()],
      { iterations: 1000, lutSize: 33, patience: 100 },
      2,
    );
    const moving = await waitForPack(
      handle,
      (v) => v.percent > 0 && v.styles.some((s) => s.phase === 'training'),
    );
    expect(moving.status).toBe('running');
    await handle.signal(packPauseSignal, {});
    const paused = await waitForPack(handle, (v) => v.styles.every((s) => s.phase === 'paused'));
    expect(paused.status).toBe('paused');
    await handle.signal(packResumeSignal, {});
    await waitForPack(handle, (v) => v.styles.some((s) => s.phase === 'training'));
    await handle.cancel();
    await expect(handle.result()).rejects.toThrow();
    expect((await handle.describe()).status.name).toBe('CANCELLED');
    await workers.stop();
  });
});
