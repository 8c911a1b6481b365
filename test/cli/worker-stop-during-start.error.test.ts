/**
 * A worker asked to stop while it is still starting (bundling workflows takes seconds) exits
 * cleanly: code 0, no error. It used to shut down workers that had not started, which threw,
 * and then failed to close its Temporal connection ("Workers hold a reference") and exited 1.
 */
import { describe, expect, it } from 'vitest';
import { startAtelierProcess } from '../helpers/worker-process.ts';
import { useHarness } from '../helpers/use-stack.ts';

describe('atelier worker stopped during start-up', () => {
  const h = useHarness();

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'exits 0 on %s before its workers run',
    async (signal) => {
      const worker = await startAtelierProcess(
        h,
        ['worker', '--queue', 'all'],
        'connected; starting workers',
      );
      const { code } = await worker.kill(signal);
      const output = worker.output();
      expect(output).not.toMatch(/IllegalStateError|Cannot close connection/);
      expect(code, output).toBe(0);
      expect(output).toContain('worker stopped');
    },
    120_000,
  );
});
