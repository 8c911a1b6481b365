/** A style pack whose orchestration worker (a real child process) is SIGKILLed mid-pack still finishes. */
import { describe, expect, it } from 'vitest';
import { goodImage, startPack, waitForPack } from '../helpers/packs.ts';
import { startWorkerProcess } from '../helpers/worker-process.ts';
import { useHarness } from '../helpers/use-stack.ts';

describe('stylePackWorkflow and a lost orchestration worker', () => {
  const h = useHarness();

  it('survives a SIGKILLed orchestration worker', async () => {
    const training = await h.startWorkers('training');
    const first = await startWorkerProcess(h, 'orchestration');
    const { handle } = await startPack(
      h,
      [await goodImage(), await goodImage(), await goodImage()],
      { iterations: 30, lutSize: 17 },
      1,
    );
    await waitForPack(handle, (v) => v.styles[0].phase === 'succeeded' || v.styles[1].phase !== 'queued');
    await first.kill('SIGKILL');
    const second = await startWorkerProcess(h, 'orchestration');
    try {
      const result = await handle.result();
      expect(result.status).toBe('succeeded');
    } finally {
      await second.kill('SIGTERM');
      await training.stop();
    }
  }, 120_000);
});
