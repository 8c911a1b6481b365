import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH } from '../../src/worker/workflow-source.ts';
import { startJob, waitForView } from '../helpers/jobs.ts';
import { pauseSignal, resumeSignal } from '../../workflows/messages.ts';
import { useHarness } from '../helpers/use-stack.ts';

describe('replay', () => {
  const h = useHarness({ workers: 'all' });

  it('histories of completed, paused-and-resumed and cancelled runs replay against the current code', async () => {
    const done = await startJob(h, { params: { iterations: 4, lutSize: 17 } });
    const paused = await startJob(h, { params: { iterations: 40, lutSize: 33 } });
    await waitForView(paused.handle, (v) => (v.progress?.iteration ?? 0) > 0);
    await paused.handle.signal(pauseSignal, {});
    await waitForView(paused.handle, (v) => v.phase === 'paused');
    await paused.handle.signal(resumeSignal, {});
    const cancelled = await startJob(h, { params: { iterations: 200, lutSize: 33 } });
    await waitForView(cancelled.handle, (v) => v.phase === 'training');
    await cancelled.handle.cancel();
    await Promise.allSettled([done.handle.result(), paused.handle.result(), cancelled.handle.result()]);

    const histories = await Promise.all([done, paused, cancelled].map((j) => j.handle.fetchHistory()));
    for (const [i, history] of histories.entries()) {
      await expect(
        Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH, replayName: `replay-${i}` }, history),
      ).resolves.toBeUndefined();
    }
    expect(histories).toHaveLength(3);
  });
});
