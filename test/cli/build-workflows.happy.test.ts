/**
 * The production path: `atelier build-workflows` prebuilds the workflow bundle and a
 * worker given ATELIER_WORKFLOW_BUNDLE runs jobs from it (no webpack at start-up).
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startJob } from '../helpers/jobs.ts';
import { startWorkerProcess } from '../helpers/worker-process.ts';
import { useHarness } from '../helpers/use-stack.ts';
import { ATELIER_BIN } from '../harness/components.ts';

describe('prebuilt workflow bundle', () => {
  const h = useHarness();

  it('builds a bundle that a production worker runs jobs from', async () => {
    const bundle = path.join(h.dataDir, 'workflow-bundle.js');
    const { stdout } = await promisify(execFile)(process.execPath, [ATELIER_BIN, 'build-workflows', bundle]);
    expect(stdout).toContain('wrote');
    expect((await stat(bundle)).size).toBeGreaterThan(10_000);
    const worker = await startWorkerProcess(h, 'all', { ATELIER_WORKFLOW_BUNDLE: bundle });
    try {
      const { handle } = await startJob(h, { params: { iterations: 2, lutSize: 17 } });
      const result = await handle.result();
      expect(result.artifacts).toContain('style.cube');
    } finally {
      await worker.kill('SIGTERM');
    }
    expect(worker.output()).not.toContain('Workflow bundle created'); // the SDK logs that only when it bundles itself
  }, 120_000);
});
